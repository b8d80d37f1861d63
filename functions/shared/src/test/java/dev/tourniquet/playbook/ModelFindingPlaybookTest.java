package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.CompromisedRoleSession;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GuardDuty AI Protection findings (LLMjacking): the key contained and the models named, or the owner alerted only. */
class ModelFindingPlaybookTest {
    private static final CredentialPlaybook PLAYBOOK = new CredentialPlaybook(new AwsClients(Configuration.from(Map.of())));

    private static Signal signal(ObjectNode event) {
        ParseResult parsed = new SignalParser().parse(event);
        assertThat(parsed).as(parsed.toString()).isInstanceOf(ParseResult.Signals.class);
        return ((ParseResult.Signals) parsed).signals().get(0);
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"guardduty-accesskey-anomalous-model-invocation.json", "guardduty-accesskey-cost-harvesting.json"})
    void invocationFinding_ofSeverityLow_containsTheKeyAndNamesTheModels(String sample) {
        ObjectNode event = Samples.load(sample);
        assertThat(event.path("detail").path("severity").asDouble()).isLessThan(4);

        Plan plan = PLAYBOOK.plan(signal(event));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(steps(plan)).containsExactly("deactivate-access-key", "attach-quarantine-policy",
                "emit-credential-contained");
        List<String> models = event.path("detail").path("resource").path("modelDetails").findValuesAsText("modelId");
        assertThat(models).isNotEmpty();
        assertThat(plan.rationale()).contains(models);
    }

    @Test
    void invocationFinding_ofARoleSession_revokesThatSessionOnly() {
        ObjectNode event = Samples.load("guardduty-accesskey-cost-harvesting.json");
        ObjectNode key = (ObjectNode) event.path("detail").path("resource").path("accessKeyDetails");
        key.put("accessKeyId", "ASIAQWERTYUIOPEXAMPLE").put("userType", "AssumedRole").put("userName", "chat-app")
                .put("principalId", "AROAEXAMPLEROLEID:i-0abc");

        Signal signal = signal(event);
        Plan plan = PLAYBOOK.plan(signal);

        assertThat(signal).isInstanceOf(CompromisedRoleSession.class);
        assertThat(steps(plan)).containsExactly("revoke-role-sessions", "emit-credential-contained");
        assertThat(plan.rationale()).contains("anthropic.claude-3-opus-20240229-v1:0");
    }

    @Test
    void promptInjection_isTheOwnersAppAttacked_alertOnlyNamingTheGuardrail() {
        Signal signal = signal(Samples.load("guardduty-accesskey-prompt-injection-direct.json"));

        Plan plan = PLAYBOOK.plan(signal);

        assertThat(signal).isInstanceOf(CompromisedAccessKey.class);
        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.rationale()).contains("guardrail/abcd1234efgh").contains("not contained");
    }

    @Test
    void bedrockLoggingDisabledFinding_containsTheKey() {
        Plan plan = PLAYBOOK.plan(signal(Samples.load("guardduty-accesskey-bedrock-logging-disabled.json")));

        assertThat(steps(plan)).containsExactly("deactivate-access-key", "attach-quarantine-policy",
                "emit-credential-contained");
    }
}

package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.TagWriter;
import dev.tourniquet.step.Step;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Plans are decided without AWS: clients are built but never called. */
class FunctionPlaybookTest {
    private static final List<String> QUARANTINE = List.of("set-reserved-concurrency-zero",
            "collect-function-evidence", "disable-event-source-mappings", "remove-public-invoke-permissions",
            "lock-down-function-url", "disable-rules-targeting-function", "disable-schedules-targeting-function",
            "revoke-role-sessions", "tag-function", "emit-credential-compromised");
    private static final String ARN = "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1";

    static List<String> lambdaFindings() {
        return Samples.names().stream().filter(n -> n.startsWith("guardduty-lambda-") && !n.contains("member-account"))
                .toList();
    }

    private static FunctionPlaybook playbook(Map<String, String> env) {
        return new FunctionPlaybook(new AwsClients(Configuration.from(Samples.withOwnStack(env))));
    }

    private static CompromisedFunction signal(ObjectNode event) {
        return (CompromisedFunction) ((ParseResult.Signals) new SignalParser().parse(event)).signals().get(0);
    }

    private static CompromisedFunction signal(String sample) {
        return signal(Samples.load(sample));
    }

    private static List<String> stepIds(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    private static FunctionFacts facts(String role, Map<String, String> tags) {
        return new FunctionFacts(Optional.of(role), tags, Optional.of(new Provenance("e1", "CreateFunction20150331",
                Instant.parse("2026-11-20T03:11:02Z"), "us-west-2", "123456789012", "function", ARN,
                Optional.of("AKIAIOSFODNN7EXAMPLE"), "arn:aws:iam::123456789012:user/deploy-bot", "IAMUser")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lambdaFindings")
    void plan_everyLambdaFinding_quarantinesThatFunctionConcurrencyFirst(String sample) {
        Plan plan = playbook(Map.of()).plan(signal(sample));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(stepIds(plan)).isEqualTo(QUARANTINE);
        plan.steps().stream().filter(s -> s.id().startsWith("set-") || s.id().startsWith("disable-")
                || s.id().startsWith("lock-") || s.id().startsWith("tag-"))
                .forEach(s -> assertThat(s.target()).isEqualTo(ARN));
        assertThat(plan.steps().get(7).target()).isEqualTo("role/xmrig-exec");
    }

    @Test
    void plan_creatorKnownFromProvenance_namesItsKey() {
        CompromisedFunction function = signal("guardduty-lambda-bitcoin-tool.json")
                .withFacts(facts("arn:aws:iam::123456789012:role/xmrig-exec", Map.of()));

        Plan plan = playbook(Map.of()).plan(function);

        assertThat(plan.steps().get(plan.steps().size() - 1).target()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void plan_sampleFinding_recordsOnly() {
        ObjectNode event = Samples.load("guardduty-lambda-bitcoin-tool.json");
        event.with("detail").with("service").with("additionalInfo").put("sample", true);

        Plan plan = playbook(Map.of()).plan(signal(event));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void plan_functionWithExemptTag_recordsOnly() {
        CompromisedFunction function = signal("guardduty-lambda-tor-client.json")
                .withFacts(facts("arn:aws:iam::123456789012:role/xmrig-exec", Map.of("tourniquet:exempt", "pentest")));

        Plan plan = playbook(Map.of()).plan(function);

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.rationale()).contains("exempt tag tourniquet:exempt");
    }

    @Test
    void plan_exemptTagWrittenByTheFunctionsCreator_isIgnoredAndSaidInTheRationale() {
        FunctionFacts facts = facts("arn:aws:iam::123456789012:role/xmrig-exec", Map.of("tourniquet:exempt", "x"));
        Provenance write = new Provenance("e2", "TagResource20170331v2", Instant.parse("2026-11-20T03:11:30Z"),
                "us-west-2", "123456789012", "tag", "tag:tourniquet:exempt@" + ARN, Optional.of("AKIAIOSFODNN7EXAMPLE"),
                "arn:aws:iam::123456789012:user/deploy-bot", "IAMUser");
        CompromisedFunction function = signal("guardduty-lambda-tor-client.json").withFacts(new FunctionFacts(
                facts.roleArn(), facts.tags(), facts.creator(), new TagWriter.Known(write, Optional.empty())));

        Plan plan = playbook(Map.of()).plan(function);

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(plan.rationale()).contains("IGNORED", "deploy-bot", "2026-11-20T03:11:30Z");
        assertThat(stepIds(plan)).startsWith("set-reserved-concurrency-zero");
    }

    @Test
    void plan_functionNamedAndTaggedLikeTourniquets_isQuarantined() {
        ObjectNode event = Samples.load("guardduty-lambda-cc-activity.json");
        event.with("detail").with("resource").with("lambdaDetails")
                .put("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:tourniquet-miner");
        CompromisedFunction function = signal(event).withFacts(facts(
                "arn:aws:iam::123456789012:role/tourniquet/tourniquet-miner-role", Map.of("tourniquet:component", "true",
                        "aws:cloudformation:stack-id", "arn:aws:cloudformation:us-east-1:123456789012:stack/tourniquet/other")));

        Plan plan = playbook(Map.of()).plan(function);

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(stepIds(plan)).contains("revoke-role-sessions");
    }

    @Test
    void plan_tourniquetsOwnFunction_recordsOnly() {
        ObjectNode event = Samples.load("guardduty-lambda-cc-activity.json");
        event.with("detail").with("resource").with("lambdaDetails")
                .put("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:tourniquet-contain-credential");

        Plan plan = playbook(Map.of()).plan(signal(event));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.rationale()).contains("Tourniquet's own functions");
    }

    @Test
    void plan_executionRoleIsTourniquetsOrExempt_leavesItsSessionsAlone() {
        CompromisedFunction own = signal("guardduty-lambda-drop-point.json")
                .withFacts(facts("arn:aws:iam::123456789012:role/tourniquet/QuarantineFunctionRole", Map.of()));
        CompromisedFunction exempt = signal("guardduty-lambda-drop-point.json")
                .withFacts(facts("arn:aws:iam::123456789012:role/break-glass", Map.of()));
        FunctionPlaybook playbook = playbook(Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::*:role/break-glass"));

        assertThat(stepIds(playbook.plan(own))).doesNotContain("revoke-role-sessions").contains("tag-function");
        assertThat(stepIds(playbook.plan(exempt))).doesNotContain("revoke-role-sessions");
    }

    @Test
    void plan_functionFoundBySweep_namesNoFurtherCredential() {
        CompromisedFunction found = signal("guardduty-lambda-bitcoin-tool.json");
        Origin chain = new Origin("chain-1", "tourniquet", "Credential Contained", Optional.empty(),
                Optional.of("Credential Contained"), 0, "chain-1", "123456789012", "us-west-2", Instant.now(), false);
        CompromisedFunction swept = new CompromisedFunction(chain, found.functionArn(), found.functionName(),
                found.region(), Optional.empty(), "created by a contained credential");

        Plan plan = playbook(Map.of()).plan(swept);

        assertThat(stepIds(plan)).startsWith("set-reserved-concurrency-zero").doesNotContain("emit-credential-compromised",
                "revoke-role-sessions");
        assertThat(plan.rationale()).contains("sweep");
    }
}

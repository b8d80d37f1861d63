package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThisAccountOnlyTest {
    private static final OwnStack OWN = OwnStack.of(Samples.OWN_STACK.get("STACK_ID"));
    private final Playbook acts = signal -> Plan.act(signal, "would act", List.of());
    private final ThisAccountOnly playbook = new ThisAccountOnly(acts, OWN);

    private static Signal signal(ObjectNode event) {
        return ((ParseResult.Signals) new SignalParser().parse(event)).signals().get(0);
    }

    @Test
    void plan_memberAccountsFindingAtTheAdministrator_isAlertOnly_namingBothAccounts() {
        Plan plan = playbook.plan(signal(Samples.load("guardduty-lambda-member-account.json")));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.rationale()).contains("111122223333", "123456789012", "Nothing was changed");
    }

    @Test
    void plan_eventDeliveredFromAnotherAccount_isAlertOnly() {
        ObjectNode event = Samples.load("guardduty-accesskey-malicious-ip-caller.json");
        event.put("account", "210987654321");

        assertThat(playbook.plan(signal(event)).decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
    }

    @Test
    void plan_resourceArnOfAnotherAccount_isAlertOnly() {
        ObjectNode event = Samples.load("guardduty-lambda-bitcoin-tool.json");
        event.with("detail").with("resource").with("lambdaDetails")
                .put("functionArn", "arn:aws:lambda:us-west-2:210987654321:function:xmrig-worker-1");
        ObjectNode chain = Samples.load("tourniquet-credential-compromised.json");
        chain.with("detail").put("principalArn", "arn:aws:iam::210987654321:user/deploy-bot");

        assertThat(playbook.plan(signal(event)).decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(playbook.plan(signal(chain)).decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
    }

    @Test
    void plan_thisAccountsSignals_goToThePlaybook() {
        for (String sample : List.of("guardduty-lambda-bitcoin-tool.json", "guardduty-ec2-bitcoin-tool.json",
                "health-risk-credentials-exposed.json", "tourniquet-credential-compromised.json")) {
            assertThat(playbook.plan(signal(Samples.load(sample))).decision()).as(sample).isEqualTo(Plan.Decision.ACT);
        }
    }

    @Test
    void plan_sampleFindingOfAnotherAccount_staysWithThePlaybook() {
        ObjectNode event = Samples.load("guardduty-accesskey-sample.json");
        event.with("detail").put("accountId", "210987654321");

        assertThat(playbook.plan(signal(event)).rationale()).isEqualTo("would act");
    }
}

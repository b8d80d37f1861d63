package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ec2.Ec2Clients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One attack sequence, several functions: each playbook takes only the signals of its own kind (the others are
 * another function's), and plans its usual containment for them; a sample sequence is recorded only, and another
 * account's sequence alerted only.
 */
class AttackSequencePlaybooksTest {
    private static final String CREDENTIALS = "guardduty-attack-sequence-compromised-credentials.json";
    private static final String INSTANCE_GROUP = "guardduty-attack-sequence-compromised-instance-group.json";
    private static final AwsClients CLIENTS = new AwsClients(Configuration.from(Samples.withOwnStack(Map.of())));

    private static final CredentialPlaybook CREDENTIAL = new CredentialPlaybook(CLIENTS);
    private static final InstancePlaybook INSTANCE = new InstancePlaybook(CLIENTS, new Ec2Clients(CLIENTS));
    private static final FunctionPlaybook FUNCTION = new FunctionPlaybook(CLIENTS);

    private static List<Signal> signals(ObjectNode event) {
        return ((ParseResult.Signals) new SignalParser().parse(event)).signals();
    }

    private static List<String> stepIds(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    @Test
    void takes_eachFunctionItsOwnPartOfTheSequence() {
        List<Signal> signals = signals(Samples.load(CREDENTIALS));

        assertThat(signals.stream().filter(CREDENTIAL::takes).map(Signal::subject)).containsExactly("AKIAIOSFODNN7EXAMPLE");
        assertThat(signals.stream().filter(INSTANCE::takes).map(Signal::subject)).containsExactly("i-0123456789abcdef0");
        assertThat(signals.stream().filter(FUNCTION::takes)).isEmpty();
    }

    @Test
    void takes_theWorkloadFunctionTheEcsTaskOnly() {
        List<Signal> signals = signals(Samples.load("guardduty-attack-sequence-compromised-ecs-cluster.json"));
        WorkloadPlaybook workloads = new WorkloadPlaybook(CLIENTS);

        assertThat(signals.stream().filter(workloads::takes).map(Signal::subject))
                .containsExactly("arn:aws:ecs:us-east-1:123456789012:task/web-prod/5f2c8e1a9b7d4c3e8f1a2b3c4d5e6f70");
        assertThat(signals.stream().filter(CREDENTIAL::takes).map(Signal::subject))
                .containsExactly("ASIAQNZGKAPZ5EXAMPLE");
        assertThat(signals.stream().filter(INSTANCE::takes)).isEmpty();
    }

    @Test
    void plan_credentialsSequence_deactivatesTheKeyAndStopsTheMiner() {
        List<Signal> signals = signals(Samples.load(CREDENTIALS));

        Plan key = CREDENTIAL.plan(signals.get(0));
        Plan instance = INSTANCE.plan(signals.get(1));
        assertThat(stepIds(key)).contains("deactivate-access-key", "attach-quarantine-policy",
                "emit-credential-contained");
        assertThat(key.steps()).filteredOn(s -> s.id().equals("deactivate-access-key"))
                .allMatch(s -> s.target().equals("AKIAIOSFODNN7EXAMPLE"));
        assertThat(stepIds(instance)).contains("isolate-network", "stop-instance");
        assertThat(instance.steps()).allMatch(s -> !s.target().contains("i-0fedcba9876543210"));
        assertThat(instance.rationale()).contains("GuardDuty attack sequence", "isolated and stopped");
    }

    @Test
    void plan_instanceGroup_stopsTheMinerIsolatesTheBackdoorAndRevokesTheSession() {
        List<Signal> signals = signals(Samples.load(INSTANCE_GROUP));

        assertThat(stepIds(CREDENTIAL.plan(signals.get(0)))).contains("revoke-role-sessions");
        assertThat(stepIds(INSTANCE.plan(signals.get(1)))).contains("isolate-network", "stop-instance");
        assertThat(stepIds(INSTANCE.plan(signals.get(2)))).contains("isolate-network").doesNotContain("stop-instance");
    }

    @Test
    void plan_sampleSequence_isRecordedOnly() {
        ObjectNode event = Samples.load(CREDENTIALS);
        ((ObjectNode) event.path("detail").path("service").path("additionalInfo")).put("sample", true);
        List<Signal> signals = signals(event);

        assertThat(CREDENTIAL.plan(signals.get(0)).steps()).isEmpty();
        assertThat(INSTANCE.plan(signals.get(1)).steps()).isEmpty();
    }

    @Test
    void plan_anotherAccountsSequence_isAlertedOnly() throws Exception {
        // A member's sequence, as a GuardDuty administrator receives it: the finding, its actors and resources the
        // member's (the delivering envelope's account stays this one).
        ObjectNode event = (ObjectNode) dev.tourniquet.internal.Json.MAPPER.readTree(Samples.load(CREDENTIALS)
                .toString().replace("123456789012", "210987654321"));
        event.put("account", "123456789012");
        OwnStack own = CLIENTS.configuration().ownStack();

        for (Signal signal : signals(event)) {
            Playbook playbook = new ThisAccountOnly(CREDENTIAL.takes(signal) ? CREDENTIAL : INSTANCE, own);
            assertThat(playbook.plan(signal).steps()).as(signal.subject()).isEmpty();
            assertThat(playbook.plan(signal).rationale()).contains("210987654321");
        }
    }
}

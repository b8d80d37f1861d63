package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * GuardDuty attack sequences: the actors' credentials and the resources the sequence's own compromise findings name
 * become signals; targets, victims and other accounts' resources are listed in every signal's reason, never signals.
 */
class AttackSequenceReaderTest {
    private static final String CREDENTIALS = "guardduty-attack-sequence-compromised-credentials.json";
    private static final String INSTANCE_GROUP = "guardduty-attack-sequence-compromised-instance-group.json";

    private final SignalParser parser = new SignalParser();

    private List<Signal> signals(ObjectNode event) {
        return ((ParseResult.Signals) parser.parse(event)).signals();
    }

    private static ObjectNode sequence(ObjectNode event) {
        return (ObjectNode) event.path("detail").path("service").path("detection").path("sequence");
    }

    @Test
    void parse_compromisedCredentials_containsTheActorsKeyAndTheMiningInstanceOnly() {
        List<Signal> signals = signals(Samples.load(CREDENTIALS));

        assertThat(signals).extracting(Signal::subject).containsExactly("AKIAIOSFODNN7EXAMPLE", "i-0123456789abcdef0");
        CompromisedAccessKey key = (CompromisedAccessKey) signals.get(0);
        assertThat(key.principal().name()).contains("deploy-bot");
        assertThat(key.principal().arn()).contains("arn:aws:iam::123456789012:user/deploy-bot");
        assertThat(key.implicated()).isEqualTo(Implicated.EXPOSED);
        CompromisedInstance instance = (CompromisedInstance) signals.get(1);
        assertThat(instance.region()).isEqualTo("ap-southeast-1");
        assertThat(instance.mining()).isTrue();
        assertThat(instance.victimOnly()).isFalse();
        assertThat(instance.networkInterfaceIds()).containsExactly("eni-0a9b8c7d6e5f4a3b2");
        assertThat(key.origin().findingType()).contains("AttackSequence:IAM/CompromisedCredentials");
        assertThat(key.origin().severity()).isEqualTo(9.0);
    }

    @Test
    void parse_compromisedCredentials_reasonNamesTheSequenceWhatWasContainedAndTheTargets() {
        String reason = ((CompromisedAccessKey) signals(Samples.load(CREDENTIALS)).get(0)).reason();

        assertThat(reason).contains("3d6e1c2b-8f7a-4e5d-b6c1-0a9f8e7d6c5b", "AttackSequence:IAM/CompromisedCredentials",
                "for IAMUser/deploy-bot. Signals: ", "UnauthorizedAccess:IAMUser/MaliciousIPCaller",
                "CryptoCurrency:EC2/BitcoinTool.B!DNS", "CLOUD_TRAIL",
                "Contained: IAMUser/deploy-bot (key AKIAIOSFODNN7EXAMPLE), EC2_INSTANCE i-0123456789abcdef0",
                "Left as targets or victims (not touched): S3_BUCKET payroll-exports-123456789012,"
                        + " EC2_INSTANCE i-0fedcba9876543210",
                "This incident: IAMUser/deploy-bot");
    }

    @Test
    void parse_instanceGroup_stopsTheMinerIsolatesTheBackdoorAndRevokesTheOneSession() {
        List<Signal> signals = signals(Samples.load(INSTANCE_GROUP));

        assertThat(signals).extracting(Signal::subject)
                .containsExactly("ASIAQNZGKAPZ4EXAMPLE", "i-0a1b2c3d4e5f60001", "i-0a1b2c3d4e5f60002");
        CompromisedRoleSession session = (CompromisedRoleSession) signals.get(0);
        assertThat(session.principal().name()).contains("web-instance-role");
        assertThat(session.principal().arn()).contains("arn:aws:iam::123456789012:role/web-instance-role");
        assertThat(session.session()).contains("i-0a1b2c3d4e5f60001");
        assertThat(((CompromisedInstance) signals.get(1)).mining()).isTrue();
        assertThat(((CompromisedInstance) signals.get(2)).mining()).isFalse();
        assertThat(session.reason()).contains(
                "Left as targets or victims (not touched): EC2_INSTANCE i-0a1b2c3d4e5f60003",
                "AUTOSCALING_AUTO_SCALING_GROUP", "IAM_INSTANCE_PROFILE", "S3_BUCKET web-tier-artifacts-123456789012",
                "In another account (never acted on here): EC2_INSTANCE i-0a1b2c3d4e5f60004 (account 210987654321)");
    }

    @Test
    void parse_ecsCluster_stopsTheMiningTaskOnly_andRevokesTheTaskRolesSession() {
        List<Signal> signals = signals(Samples.load("guardduty-attack-sequence-compromised-ecs-cluster.json"));

        String miner = "arn:aws:ecs:us-east-1:123456789012:task/web-prod/5f2c8e1a9b7d4c3e8f1a2b3c4d5e6f70";
        assertThat(signals).extracting(Signal::subject).containsExactly("ASIAQNZGKAPZ5EXAMPLE", miner);
        CompromisedWorkload task = (CompromisedWorkload) signals.get(1);
        assertThat(task.mining()).isTrue();
        assertThat(task.workload()).isInstanceOfSatisfying(EcsTask.class, t -> {
            assertThat(t.cluster()).isEqualTo("web-prod");
            assertThat(t.taskDefinitionArn()).contains("arn:aws:ecs:us-east-1:123456789012:task-definition/web-api:14");
        });
        assertThat(task.reason()).contains("Impact:Runtime/CryptoMinerExecuted",
                "Left as targets or victims (not touched): ECS_CLUSTER arn:aws:ecs:us-east-1:123456789012:cluster/web-prod,"
                        + " ECS_TASK arn:aws:ecs:us-east-1:123456789012:task/web-prod/0a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d,"
                        + " S3_BUCKET web-prod-uploads-123456789012");
    }

    @Test
    void parse_sampleSequence_isMarkedSample() {
        ObjectNode event = Samples.load(INSTANCE_GROUP);
        ((ObjectNode) event.path("detail").path("service").path("additionalInfo")).put("sample", true);

        assertThat(signals(event)).allMatch(signal -> signal.origin().sample());
    }

    @Test
    void parse_resourceNamedOnlyByApiCalls_isATarget() {
        ObjectNode event = Samples.load(CREDENTIALS);
        // The mining finding gone: the instance is named by the RunInstances call only.
        ArrayNode kept = sequence(event).putArray("signals");
        Samples.load(CREDENTIALS).path("detail").path("service").path("detection").path("sequence").path("signals")
                .forEach(s -> {
                    if (!s.path("name").asText().startsWith("CryptoCurrency:")) {
                        kept.add(s);
                    }
                });

        assertThat(signals(event)).extracting(Signal::subject).containsExactly("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void parse_compromiseOfAKindNoFunctionContains_isListedForReview() {
        ObjectNode event = Samples.load(CREDENTIALS);
        ((ObjectNode) sequence(event).path("resources").get(1)).put("resourceType", "CONTAINER");

        String reason = ((CompromisedAccessKey) signals(event).get(0)).reason();
        assertThat(signals(event)).hasSize(1);
        assertThat(reason).contains("of a kind no Tourniquet function contains (not touched; review by hand):"
                + " CONTAINER i-0123456789abcdef0");
    }

    @Test
    void parse_lambdaFunctionNamedByALambdaFinding_isLeftToItsOwnFinding() {
        ObjectNode event = Samples.load(CREDENTIALS);
        String arn = "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1";
        sequence(event).withArray("resources").addObject().put("uid", arn).put("accountId", "123456789012")
                .put("resourceType", "LAMBDA_FUNCTION");
        sequence(event).withArray("signals").addObject().put("type", "FINDING")
                .put("name", "CryptoCurrency:Lambda/BitcoinTool.B").putArray("resourceUids").add(arn);

        List<Signal> signals = signals(event);
        assertThat(signals).hasSize(2).noneMatch(CompromisedFunction.class::isInstance);
        assertThat(((CompromisedAccessKey) signals.get(0)).reason())
                .contains("Quarantined through its own Lambda finding, not this sequence: LAMBDA_FUNCTION " + arn);
    }

    @Test
    void parse_actorOfAnotherAccount_isNeverASignal() {
        ObjectNode event = Samples.load(CREDENTIALS);
        ((ObjectNode) sequence(event).path("actors").get(0).path("user").path("account")).put("uid", "210987654321");
        ((ObjectNode) sequence(event).path("resources").get(0)).put("accountId", "210987654321");

        List<Signal> signals = signals(event);
        assertThat(signals).extracting(Signal::subject).containsExactly("i-0123456789abcdef0");
        assertThat(((CompromisedInstance) signals.get(0)).reason()).contains(
                "In another account (never acted on here): IAMUser/deploy-bot (account 210987654321)");
    }

    @Test
    void parse_actorWithoutCredential_andAccessKeyOfAnotherUser_containNoCredential() {
        ObjectNode event = Samples.load(CREDENTIALS);
        ((ObjectNode) sequence(event).path("actors").get(0).path("user")).remove("credentialUid");
        ((ObjectNode) sequence(event).path("resources").get(0).path("data").path("accessKey"))
                .put("userName", "someone-else");

        List<Signal> signals = signals(event);
        assertThat(signals).extracting(Signal::subject).containsExactly("i-0123456789abcdef0");
        assertThat(((CompromisedInstance) signals.get(0)).reason()).contains("Actors whose credential the sequence"
                + " does not name as a key or session (not contained; review): IAMUser/deploy-bot");
    }

    @Test
    void parse_accessKeyResourceOfAnActor_isContainedWhenTheActorNamesNoKey() {
        ObjectNode event = Samples.load(CREDENTIALS);
        ((ObjectNode) sequence(event).path("actors").get(0).path("user")).remove("credentialUid");

        assertThat(signals(event)).extracting(Signal::subject)
                .containsExactly("AKIAIOSFODNN7EXAMPLE", "i-0123456789abcdef0");
    }

    @Test
    void parse_rootActor_isAlertedAsRoot() {
        ObjectNode event = Samples.load(CREDENTIALS);
        ((ObjectNode) sequence(event).path("actors").get(0).path("user")).put("type", "Root").put("name", "root");

        assertThat(signals(event).get(0)).isInstanceOf(CompromisedRoot.class);
    }

    @Test
    void parse_sequenceNamingNothingToContain_isIgnoredWithItsSummary() {
        ObjectNode event = Samples.load(CREDENTIALS);
        sequence(event).putArray("actors");
        sequence(event).putArray("resources");

        ParseResult result = parser.parse(event);
        assertThat(result).isInstanceOf(ParseResult.Ignored.class);
        assertThat(((ParseResult.Ignored) result).reason()).contains("3d6e1c2b-8f7a-4e5d-b6c1-0a9f8e7d6c5b",
                "Contained: nothing");
    }

    @Test
    void parse_withoutSequence_isRejected() {
        ObjectNode event = Samples.load(CREDENTIALS);
        ((ObjectNode) event.path("detail").path("service")).remove("detection");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }

    @Test
    void instanceId_fromAnIdOrAnArn() {
        assertThat(AttackSequenceReader.instanceId("i-0123456789abcdef0")).contains("i-0123456789abcdef0");
        assertThat(AttackSequenceReader.instanceId("arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"))
                .contains("i-0123456789abcdef0");
        assertThat(AttackSequenceReader.instanceId("payroll-exports")).isEqualTo(Optional.empty());
    }
}

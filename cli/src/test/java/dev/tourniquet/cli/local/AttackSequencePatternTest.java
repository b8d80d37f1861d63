package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The attack sequences' rules, read from {@code template.yaml} and matched by event-ruler: every
 * {@code AttackSequence:*} finding reaches the credential function; one that names an EC2 instance reaches the
 * instance function too, one that names an ECS task stop-workload. A finding of another
 * type, a sequence type on another resource type, and a forged source reach none.
 */
class AttackSequencePatternTest {
    private static final String CREDENTIAL = "ContainCredentialFunction/AttackSequenceCredential";
    private static final String INSTANCE = "IsolateInstanceFunction/AttackSequenceInstance";
    private static final String CREDENTIALS = "guardduty-attack-sequence-compromised-credentials.json";
    private static final String INSTANCE_GROUP = "guardduty-attack-sequence-compromised-instance-group.json";
    private static final String WORKLOAD = "StopWorkloadFunction/AttackSequenceWorkloadRule";
    private static final String ECS_CLUSTER = "guardduty-attack-sequence-compromised-ecs-cluster.json";

    /** The samples of attack sequences and their rules, merged into {@link RulePatternTest#EXPECTED}. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry(CREDENTIALS, Set.of(CREDENTIAL, INSTANCE)),
            Map.entry(INSTANCE_GROUP, Set.of(CREDENTIAL, INSTANCE)),
            Map.entry(ECS_CLUSTER, Set.of(CREDENTIAL, WORKLOAD)));

    private static Set<String> matched(JsonNode event) {
        return SampleRoutes.matched(event, "default");
    }

    private static ArrayNode resources(ObjectNode event) {
        return (ArrayNode) event.path("detail").path("service").path("detection").path("sequence").path("resources");
    }

    @Test
    void samples_reachTheirRules() {
        EXPECTED.forEach((file, rules) -> assertThat(matched(SampleRoutes.sample(file))).as(file).isEqualTo(rules));
    }

    @Test
    void sequence_withoutAnInstance_reachesTheCredentialFunctionOnly() {
        ObjectNode event = SampleRoutes.sample(CREDENTIALS);
        resources(event).forEach(r -> ((ObjectNode) r).put("resourceType", "S3_BUCKET"));
        assertThat(matched(event)).containsExactly(CREDENTIAL);
    }

    @Test
    void everySequenceType_reachesTheCredentialFunction() {
        for (String type : new String[] {"AttackSequence:S3/CompromisedData", "AttackSequence:EKS/CompromisedCluster",
                "AttackSequence:ECS/CompromisedCluster", "AttackSequence:EC2/CompromisedInstanceGroup"}) {
            ObjectNode event = SampleRoutes.sample(CREDENTIALS);
            ((ObjectNode) event.path("detail")).put("type", type);
            assertThat(matched(event)).as(type).contains(CREDENTIAL);
        }
    }

    @Test
    void otherTypes_otherResourceTypes_andForgedSources_reachNoRule() {
        ObjectNode otherType = SampleRoutes.sample(INSTANCE_GROUP);
        ((ObjectNode) otherType.path("detail")).put("type", "Discovery:S3/AnomalousBehavior");
        ObjectNode otherResource = SampleRoutes.sample(INSTANCE_GROUP);
        ((ObjectNode) otherResource.path("detail").path("resource")).put("resourceType", "Instance");
        ObjectNode forged = SampleRoutes.sample(INSTANCE_GROUP);
        forged.put("source", "custom.guardduty");

        assertThat(matched(otherType)).isEmpty();
        assertThat(matched(otherResource)).isEmpty();
        assertThat(matched(forged)).isEmpty();
    }
}

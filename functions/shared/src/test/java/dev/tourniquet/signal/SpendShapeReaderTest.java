package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the samples' spend-creating records say of the shape they launched (SpendShape), for the footprint. */
class SpendShapeReaderTest {

    private static List<Provenance> records(ObjectNode event) {
        return ((ParseResult.Observed) new SignalParser().parse(event)).records();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cloudtrail-lambda-create-function.json, 3008, 900",
            "cloudtrail-lambda-create-function-miner.json, 10240, 900"})
    void parse_createFunction_recordsMemoryAndTimeout(String sample, int memory, int timeout) {
        Provenance record = records(Samples.load(sample)).get(0);

        assertThat(SpendShape.judged(record)).isTrue();
        assertThat(SpendShape.memoryMb(record)).contains(memory);
        assertThat(SpendShape.timeoutSeconds(record)).contains(timeout);
    }

    @Test
    void parse_updateWithoutResponse_readsTheRequest() {
        ObjectNode event = Samples.load("cloudtrail-lambda-update-function-configuration.json");
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.putNull("responseElements");
        ((ObjectNode) detail.path("requestParameters")).put("timeout", 600).remove("memorySize");

        Provenance record = records(event).get(0);

        assertThat(SpendShape.timeoutSeconds(record)).contains(600);
        assertThat(SpendShape.memoryMb(record)).isEmpty();
    }

    @Test
    void parse_eventSourceMapping_namesTheFunctionWithoutAShape() {
        Provenance record = records(Samples.load("cloudtrail-lambda-create-event-source-mapping.json")).get(0);

        assertThat(SpendShape.judged(record)).isTrue();
        assertThat(record.details()).doesNotContainKeys(SpendShape.MEMORY_MB, SpendShape.TIMEOUT_SECONDS);
    }

    @Test
    void parse_runInstances_recordsEachInstancesType() {
        assertThat(records(Samples.load("cloudtrail-ec2-run-instances.json")).stream()
                .filter(p -> "instance".equals(p.resourceType()))).isNotEmpty()
                .allSatisfy(p -> assertThat(SpendShape.instanceTypes(p)).containsExactly("g4dn.12xlarge"));
    }

    @Test
    void parse_runInstancesWithoutItemType_readsTheRequest() {
        ObjectNode event = Samples.load("cloudtrail-ec2-run-instances.json");
        event.path("detail").path("responseElements").path("instancesSet").path("items")
                .forEach(item -> ((ObjectNode) item).remove("instanceType"));
        ((ObjectNode) event.path("detail").path("requestParameters")).put("instanceType", "p4d.24xlarge");

        assertThat(records(event).stream().filter(p -> "instance".equals(p.resourceType()))).isNotEmpty()
                .allSatisfy(p -> assertThat(SpendShape.instanceType(p)).contains("p4d.24xlarge"));
    }

    @Test
    void parse_requestSpotInstances_recordsTheLaunchSpecificationsType() {
        assertThat(records(Samples.load("cloudtrail-ec2-request-spot-instances-large.json")))
                .singleElement().satisfies(p -> {
                    assertThat(p.resourceType()).isEqualTo(LaunchSource.SPOT_REQUEST);
                    assertThat(SpendShape.instanceType(p)).contains("c5.24xlarge");
                    assertThat(SpendShape.judged(p)).isTrue();
                });
    }

    @Test
    void parse_startInstances_recordsNoShape() {
        assertThat(records(Samples.load("cloudtrail-ec2-start-instances.json")))
                .allSatisfy(p -> assertThat(p.details()).doesNotContainKey(SpendShape.INSTANCE_TYPE));
    }

    @Test
    void parse_launchTemplate_recordsItsType() {
        Provenance template = records(Samples.load("cloudtrail-ec2-create-launch-template.json")).get(0);

        assertThat(SpendShape.instanceType(template)).contains("g4dn.12xlarge");
        assertThat(SpendShape.judged(template)).as("a template launches nothing").isFalse();
    }

    @Test
    void parse_fleetFromATemplate_recordsTheTemplate() {
        Provenance fleet = records(Samples.load("cloudtrail-ec2-create-fleet.json")).get(0);

        assertThat(fleet.detail("launchTemplateId")).contains("lt-0abcd1234ef567890");
        assertThat(SpendShape.instanceTypes(fleet)).isEmpty();
    }

    @Test
    void parse_fleetOverrides_recordEveryType() {
        ObjectNode event = Samples.load("cloudtrail-ec2-create-fleet.json");
        ObjectNode configs = (ObjectNode) event.path("detail").path("requestParameters").path("CreateFleetRequest")
                .path("LaunchTemplateConfigs");
        configs.putArray("Overrides").add(Samples.load("cloudtrail-ec2-create-fleet.json").objectNode()
                .put("InstanceType", "m5.large").put("tag", 1)).add(configs.objectNode().put("InstanceType", "p3.2xlarge"));

        assertThat(SpendShape.instanceTypes(records(event).get(0))).containsExactly("m5.large", "p3.2xlarge");
    }

    @Test
    void parse_groupWithMixedInstancesPolicy_recordsItsOverrides() {
        ObjectNode event = Samples.load("cloudtrail-autoscaling-create-auto-scaling-group.json");
        ObjectNode request = (ObjectNode) event.path("detail").path("requestParameters");
        request.remove("launchTemplate");
        ObjectNode template = request.putObject("mixedInstancesPolicy").putObject("launchTemplate");
        template.putObject("launchTemplateSpecification").put("launchTemplateId", "lt-0abcd1234ef567890");
        template.putArray("overrides").add(request.objectNode().put("instanceType", "g5.xlarge"))
                .add(request.objectNode().put("instanceType", "c6i.large"));

        Provenance group = records(event).get(0);

        assertThat(SpendShape.instanceTypes(group)).containsExactly("g5.xlarge", "c6i.large");
        assertThat(group.detail("launchTemplateId")).contains("lt-0abcd1234ef567890");
    }

    @Test
    void parse_callInvokedByAService_notesTheService() {
        ObjectNode event = Samples.load("cloudtrail-lambda-create-function.json");
        ((ObjectNode) event.path("detail").path("userIdentity")).put("invokedBy", "cloudformation.amazonaws.com");

        assertThat(records(event).get(0).detail(SpendShape.INVOKED_BY)).contains("cloudformation.amazonaws.com");
    }
}

package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who made or changed what relaunches instances, read from the samples' CloudTrail records. */
class LaunchSourceEventReaderTest {

    private static List<Provenance> records(ObjectNode event) {
        return ((ParseResult.Observed) new SignalParser().parse(event)).records();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cloudtrail-autoscaling-create-auto-scaling-group.json, auto-scaling-group, xmrig-asg",
            "cloudtrail-autoscaling-update-auto-scaling-group.json, auto-scaling-group, web-tier",
            "cloudtrail-autoscaling-create-launch-configuration.json, launch-configuration, xmrig-lc",
            "cloudtrail-ec2-create-launch-template.json, launch-template, lt-0abcd1234ef567890",
            "cloudtrail-ec2-create-launch-template-version.json, launch-template, lt-0fedc9876ba543210",
            "cloudtrail-ec2-modify-launch-template.json, launch-template, lt-0fedc9876ba543210",
            "cloudtrail-ec2-request-spot-fleet.json, spot-fleet, sfr-7f3a1c2d-4b5e-4f60-9a1b-2c3d4e5f6a7b",
            "cloudtrail-ec2-modify-spot-fleet-request.json, spot-fleet, sfr-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "cloudtrail-ec2-create-fleet.json, ec2-fleet, fleet-5b6c7d8e-9f0a-4b1c-2d3e-4f5a6b7c8d9e"})
    void parse_launchSourceSample_recordsItsResourceByTheKey(String sample, String type, String id) {
        List<Provenance> records = records(Samples.load(sample));

        assertThat(records).singleElement().satisfies(p -> {
            assertThat(p.resourceType()).isEqualTo(type);
            assertThat(p.resourceId()).isEqualTo(id);
            assertThat(p.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
            assertThat(p.region()).isEqualTo("ap-southeast-1");
        });
    }

    @Test
    void parse_groupRecords_keepTheTemplateTheyLaunchFrom() {
        assertThat(records(Samples.load("cloudtrail-autoscaling-create-auto-scaling-group.json")).get(0).details())
                .containsEntry("launchTemplateId", "lt-0abcd1234ef567890");
        assertThat(records(Samples.load("cloudtrail-autoscaling-update-auto-scaling-group.json")).get(0).details())
                .containsEntry("launchTemplateName", "xmrig-gpu");
        assertThat(records(Samples.load("cloudtrail-ec2-create-launch-template.json")).get(0).details())
                .containsEntry("launchTemplateName", "xmrig-gpu");
    }

    @Test
    void parse_fleets_recordTheirType() {
        assertThat(records(Samples.load("cloudtrail-ec2-request-spot-fleet.json")).get(0).detail("type"))
                .contains("maintain");
        assertThat(records(Samples.load("cloudtrail-ec2-create-fleet.json")).get(0).detail("type")).contains("request");
    }

    @Test
    void parse_spotRequests_recordPersistentOrOneTime() {
        assertThat(records(Samples.load("cloudtrail-ec2-request-spot-instances-persistent.json")))
                .extracting(p -> p.details().get("type")).containsOnly("persistent");
        assertThat(records(Samples.load("cloudtrail-ec2-request-spot-instances.json")))
                .extracting(p -> p.details().get("type")).containsOnly("one-time");
    }

    @Test
    void parse_scalingOnlyUpdate_leavesTheGroupTheOwners() {
        ObjectNode event = Samples.load("cloudtrail-autoscaling-update-auto-scaling-group.json");
        ((ObjectNode) event.path("detail").path("requestParameters")).remove("launchTemplate");

        assertThat(new SignalParser().parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void parse_pascalCaseResponse_isReadTheSame() {
        ObjectNode event = Samples.load("cloudtrail-ec2-create-fleet.json");
        ObjectNode response = (ObjectNode) event.path("detail").path("responseElements").path("CreateFleetResponse");
        response.put("FleetId", response.remove("fleetId").asText());

        assertThat(records(event)).extracting(Provenance::resourceId)
                .containsExactly("fleet-5b6c7d8e-9f0a-4b1c-2d3e-4f5a6b7c8d9e");
    }

    @Test
    void parse_templateCreatedWithoutAnId_isRejected() {
        ObjectNode event = Samples.load("cloudtrail-ec2-create-launch-template.json");
        ((ObjectNode) event.path("detail")).putNull("responseElements");
        ((ObjectNode) event.path("detail").path("requestParameters").path("CreateLaunchTemplateRequest"))
                .remove("LaunchTemplateName");

        assertThat(new SignalParser().parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }
}

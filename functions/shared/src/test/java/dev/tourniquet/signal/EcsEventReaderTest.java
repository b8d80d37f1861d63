package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ECS's CloudTrail records read into provenance, and a service scaled up again into a containment undone. */
class EcsEventReaderTest {
    private static final String SERVICE = "arn:aws:ecs:ap-southeast-1:123456789012:service/default/xmrig-svc";

    private static ParseResult.Observed observed(ObjectNode event) {
        return (ParseResult.Observed) new SignalParser().parse(event);
    }

    @Test
    void createService_recordsTheServiceByTheKeyWithItsDesiredCount() {
        ParseResult.Observed observed = observed(Samples.load("cloudtrail-ecs-create-service.json"));

        assertThat(observed.records()).singleElement().satisfies(p -> {
            assertThat(p.resourceType()).isEqualTo(EcsService.TYPE);
            assertThat(p.resourceId()).isEqualTo(SERVICE);
            assertThat(p.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
            assertThat(p.detail(EcsEventReader.DESIRED_COUNT)).contains("20");
            assertThat(p.detail(EcsTask.CLUSTER)).contains("arn:aws:ecs:ap-southeast-1:123456789012:cluster/default");
            assertThat(Workload.of(p)).contains(new EcsService(SERVICE, "arn:aws:ecs:ap-southeast-1:123456789012:"
                    + "cluster/default"));
        });
        assertThat(observed.undone()).isEmpty();
    }

    @Test
    void updateService_upward_isProvenanceAndAContainmentUndone() {
        ParseResult.Observed observed = observed(Samples.load("cloudtrail-ecs-update-service.json"));

        assertThat(observed.records()).singleElement().satisfies(p -> assertThat(p.resourceId()).isEqualTo(SERVICE));
        assertThat(observed.undone()).singleElement().satisfies(s -> {
            ContainmentUndone undone = (ContainmentUndone) s;
            assertThat(undone.action()).isEqualTo("UpdateService");
            assertThat(undone.resource()).isEqualTo(SERVICE);
            assertThat(undone.caller().accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
        });
    }

    @Test
    void updateService_toZero_undoesNothing() {
        ObjectNode event = Samples.load("cloudtrail-ecs-update-service.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("desiredCount", 0);

        assertThat(observed(event).undone()).isEmpty();
    }

    @Test
    void registerTaskDefinition_isHistoryNotAWorkload() {
        ParseResult.Observed observed = observed(Samples.load("cloudtrail-ecs-register-task-definition.json"));

        assertThat(observed.records()).singleElement().satisfies(p -> {
            assertThat(p.resourceType()).isEqualTo(EcsEventReader.TASK_DEFINITION_TYPE);
            assertThat(p.resourceId()).endsWith(":task-definition/xmrig-svc:1");
            assertThat(Workload.TYPES).doesNotContain(p.resourceType());
        });
    }

    @Test
    void serviceArnOf_nameInANamedOrDefaultCluster() {
        assertThat(EcsEventReader.serviceArnOf("svc", Optional.of("arn:aws:ecs:eu-west-1:111122223333:cluster/prod"),
                "aws", "eu-west-1", "111122223333")).isEqualTo("arn:aws:ecs:eu-west-1:111122223333:service/prod/svc");
        assertThat(EcsEventReader.serviceArnOf("svc", Optional.empty(), "aws-cn", "cn-north-1", "111122223333"))
                .isEqualTo("arn:aws-cn:ecs:cn-north-1:111122223333:service/default/svc");
        assertThat(EcsEventReader.serviceArnOf(SERVICE, Optional.of("other"), "aws", "x", "y")).isEqualTo(SERVICE);
    }
}

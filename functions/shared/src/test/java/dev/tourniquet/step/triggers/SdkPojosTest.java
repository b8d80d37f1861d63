package dev.tourniquet.step.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.SdkJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.LaunchType;
import software.amazon.awssdk.services.eventbridge.model.Target;

class SdkPojosTest {

    @Test
    void read_ecsTargetAsRecorded_isTheSameTarget() {
        Target target = Target.builder().id("miner").arn("arn:aws:ecs:us-west-2:123456789012:cluster/miners")
                .roleArn("arn:aws:iam::123456789012:role/events-run-task")
                .ecsParameters(e -> e.taskDefinitionArn("arn:aws:ecs:us-west-2:123456789012:task-definition/xmrig:3")
                        .taskCount(4).launchType(LaunchType.FARGATE).enableExecuteCommand(false)
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1", "subnet-2")
                                .assignPublicIp("ENABLED"))))
                .retryPolicy(r -> r.maximumRetryAttempts(3))
                .inputTransformer(t -> t.inputPathsMap(java.util.Map.of("id", "$.id")).inputTemplate("{\"x\":<id>}"))
                .build();

        Target read = SdkPojos.read(SdkJson.object(target), Target.builder());

        assertThat(read).isEqualTo(target);
    }

    @Test
    void read_batchTarget_keepsItsParameters() {
        Target target = Target.builder().id("gpu").arn("arn:aws:batch:us-west-2:123456789012:job-queue/gpu")
                .batchParameters(b -> b.jobDefinition("xmrig-gpu").jobName("xmrig").arrayProperties(a -> a.size(10)))
                .build();

        assertThat((Target) SdkPojos.read(SdkJson.object(target), Target.builder())).isEqualTo(target);
    }
}

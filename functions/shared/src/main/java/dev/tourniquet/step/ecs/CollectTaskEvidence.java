package dev.tourniquet.step.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.signal.Workload;
import dev.tourniquet.step.Evidence;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Keeps the task's description ({@code DescribeTasks}: containers, images, overrides, network attachments, stop
 * reason) and its task definition ({@code DescribeTaskDefinition}: the image, command, environment and roles the
 * miner ran with) in the evidence bucket. Runs after the stop: ECS describes a stopped task for about an hour, and a
 * task definition for as long as it exists (deregistered ones too).
 *
 * <p>IAM actions: {@code ecs:DescribeTasks}, {@code ecs:DescribeTaskDefinition}. Undo: none (evidence is kept).
 */
public final class CollectTaskEvidence implements Step {
    private final EcsClient ecs;
    private final String taskArn;
    private final String cluster;

    public CollectTaskEvidence(EcsClient ecs, String taskArn, String cluster) {
        this.ecs = ecs;
        this.taskArn = taskArn;
        this.cluster = cluster;
    }

    @Override
    public StepKind kind() {
        return EcsStepKinds.COLLECT_TASK_EVIDENCE;
    }

    @Override
    public String target() {
        return taskArn;
    }

    @Override
    public String undo() {
        return "nothing to undo: evidence is kept";
    }

    @Override
    public StepResult run(StepContext context) {
        Task task = EcsTasks.describe(ecs, cluster, taskArn);
        TaskDefinition definition = ecs.describeTaskDefinition(r -> r.taskDefinition(task.taskDefinitionArn()))
                .taskDefinition();
        String id = Workload.lastName(taskArn);
        ObjectNode prior = Json.object().put("taskArn", taskArn).put("taskDefinitionArn", task.taskDefinitionArn());
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would keep task " + id + " and task definition "
                    + task.taskDefinitionArn() + " as evidence");
        }
        Evidence.Stored taskStored = context.evidence().putJson("ecs-task-" + id + ".json", SdkJson.object(task));
        Evidence.Stored definitionStored = context.evidence().putJson("ecs-task-definition-" + id + ".json",
                SdkJson.object(definition));
        prior.put("taskEvidence", taskStored.key()).put("taskDefinitionEvidence", definitionStored.key());
        return new StepResult.Applied(prior, "kept task " + id + " and its task definition as evidence ("
                + taskStored.key() + ", " + definitionStored.key() + ")");
    }
}

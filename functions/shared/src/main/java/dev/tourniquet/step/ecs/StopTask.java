package dev.tourniquet.step.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.Workload;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Stops one ECS task (Fargate or EC2 launch type): the call that ends its spend. ECS cannot start a stopped task again,
 * so the prior state records what would start one like it: the task definition, the group, the launch type, the
 * overrides and the {@code aws ecs run-task} command; a service's task is replaced once the service's desired count is
 * restored. ECS keeps describing a stopped task for about an hour: the evidence step that follows still reads it.
 *
 * <p>IAM actions: {@code ecs:DescribeTasks}, {@code ecs:StopTask}. Undo: none by ECS (see {@link #undo()}).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopTask.html">StopTask</a>
 */
public final class StopTask implements Stopping {
    private final EcsClient ecs;
    private final String taskArn;
    private final String cluster;
    private final String region;

    public StopTask(EcsClient ecs, String taskArn, String cluster, String region) {
        this.ecs = ecs;
        this.taskArn = taskArn;
        this.cluster = cluster;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return EcsStepKinds.STOP_TASK;
    }

    @Override
    public String target() {
        return taskArn;
    }

    @Override
    public String undo() {
        return "a stopped task cannot be started again: run the recorded runTaskCommand to start one like it, or"
                + " release the incident to restore its service's desired count";
    }

    @Override
    public StepResult run(StepContext context) {
        StepResult first = stopFirst(context);
        if (first instanceof StepResult.Applied) {
            Verification.until("task " + taskArn + " stopping", () -> EcsTasks.stopped(EcsTasks.describe(ecs, cluster,
                    taskArn)));
        }
        return first;
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        Task task = EcsTasks.describe(ecs, cluster, taskArn);
        ObjectNode prior = prior(task);
        if (EcsTasks.stopped(task)) {
            return new StepResult.AlreadyApplied(prior, "task " + Workload.lastName(taskArn) + " is already "
                    + task.lastStatus() + " (desired " + task.desiredStatus() + ")");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop task " + Workload.lastName(taskArn) + " of cluster "
                    + cluster);
        }
        context.changing(prior);
        // The reason shows in the console and in DescribeTasks' stoppedReason: whoever looks knows who stopped it.
        ecs.stopTask(r -> r.cluster(cluster).task(taskArn).reason("Tourniquet incident " + context.incidentId()));
        return new StepResult.Applied(prior, "stopped task " + Workload.lastName(taskArn) + " of cluster " + cluster
                + " (was " + task.lastStatus() + ")");
    }

    private ObjectNode prior(Task task) {
        ObjectNode prior = Json.object().put("region", region).put("cluster", cluster).put("taskArn", taskArn)
                .put("lastStatus", task.lastStatus()).put("desiredStatus", task.desiredStatus())
                .put("taskDefinitionArn", task.taskDefinitionArn()).put("group", task.group())
                .put("launchType", task.launchTypeAsString()).put("startedBy", task.startedBy());
        com.fasterxml.jackson.databind.JsonNode asJson = task.overrides() == null ? Json.object()
                : SdkJson.object(task.overrides());
        prior.set("overrides", asJson);
        String overrides = Json.write(asJson);
        prior.put("runTaskCommand", runTaskCommand(task, overrides));
        return prior;
    }

    // What would start a task like it (networking left to whoever runs it: the task's ENI is gone with it).
    private String runTaskCommand(Task task, String overrides) {
        return "aws ecs run-task --region " + region + " --cluster " + cluster + " --task-definition "
                + task.taskDefinitionArn() + (task.launchType() == null ? "" : " --launch-type "
                + task.launchTypeAsString()) + " --overrides '" + overrides + "'"
                + " --network-configuration <the task's subnets and security groups>";
    }
}

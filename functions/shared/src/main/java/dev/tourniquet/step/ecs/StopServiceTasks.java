package dev.tourniquet.step.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.Workload;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Stops the running tasks of a service the contained key created or scaled up, once the service is at 0
 * ({@link ScaleServiceToZero}): ECS drains them itself, this ends their spend now instead of after the deployment's
 * drain. Only the service's own tasks: those {@code ListTasks --service-name} returns whose group is exactly
 * {@code service:NAME} (re-checked from {@code DescribeTasks}, so a listing that ignored the filter touches nothing
 * else). Each task's definition, overrides and group are recorded, as {@link StopTask} does.
 *
 * <p>IAM actions: {@code ecs:ListTasks}, {@code ecs:DescribeTasks}, {@code ecs:StopTask}. Undo: none by ECS; release
 * the service's desired count and the service starts new tasks.
 */
public final class StopServiceTasks implements Step {
    private final EcsClient ecs;
    private final String serviceArn;
    private final String cluster;

    public StopServiceTasks(EcsClient ecs, String serviceArn, String cluster) {
        this.ecs = ecs;
        this.serviceArn = serviceArn;
        this.cluster = cluster;
    }

    @Override
    public StepKind kind() {
        return EcsStepKinds.STOP_SERVICE_TASKS;
    }

    @Override
    public String target() {
        return serviceArn;
    }

    @Override
    public String undo() {
        return "stopped tasks cannot be started again: release the incident and the service, back at its recorded"
                + " desired count, starts new ones";
    }

    @Override
    public StepResult run(StepContext context) {
        String name = Workload.lastName(serviceArn);
        List<Task> running = running(name);
        ObjectNode prior = Json.object().put("serviceArn", serviceArn).put("cluster", cluster);
        ArrayNode tasks = prior.putArray("tasks");
        running.forEach(task -> tasks.addObject().put("taskArn", task.taskArn())
                .put("taskDefinitionArn", task.taskDefinitionArn()).put("group", task.group())
                .put("lastStatus", task.lastStatus()));
        if (running.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "service " + name + " runs no task");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop the " + running.size() + " task(s) of service " + name);
        }
        context.changing(prior);
        for (Task task : running) {
            ecs.stopTask(r -> r.cluster(cluster).task(task.taskArn()).reason("Tourniquet incident "
                    + context.incidentId()));
        }
        return new StepResult.Applied(prior, "stopped the " + running.size() + " task(s) of service " + name);
    }

    // The service's own running tasks, by their group: never another service's or the owner's standalone tasks.
    private List<Task> running(String name) {
        List<String> arns = ecs.listTasksPaginator(r -> r.cluster(cluster).serviceName(name)
                .desiredStatus(DesiredStatus.RUNNING)).taskArns().stream().toList();
        if (arns.isEmpty()) {
            return List.of();
        }
        String group = "service:" + name;
        return java.util.stream.IntStream.range(0, (arns.size() + 99) / 100)
                .mapToObj(i -> arns.subList(i * 100, Math.min(arns.size(), i * 100 + 100)))
                .flatMap(batch -> ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks().stream())
                .filter(task -> group.equals(task.group()) && !EcsTasks.stopped(task)).toList();
    }
}

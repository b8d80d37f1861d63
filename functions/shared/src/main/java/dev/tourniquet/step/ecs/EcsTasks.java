package dev.tourniquet.step.ecs;

import dev.tourniquet.internal.ResourceGoneException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/** Reads one ECS task as ECS describes it now. */
final class EcsTasks {
    private EcsTasks() {}

    /**
     * @throws ResourceGoneException when ECS no longer knows the task (a stopped task is described for about an hour,
     *                               then forgotten)
     */
    static Task describe(EcsClient ecs, String cluster, String taskArn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn).include(
                        software.amazon.awssdk.services.ecs.model.TaskField.TAGS)).tasks().stream().findFirst()
                .orElseThrow(() -> new ResourceGoneException("ECS task " + taskArn + " is gone"));
    }

    // A task ECS was asked to stop (by anyone) or that stopped by itself: desiredStatus says both. lastStatus passes
    // through DEACTIVATING, STOPPING and DEPROVISIONING on the way, and some emulators move it on every read.
    static boolean stopped(Task task) {
        return "STOPPED".equals(task.desiredStatus()) || "STOPPED".equals(task.lastStatus());
    }
}

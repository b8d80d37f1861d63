package dev.tourniquet.step.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.ResourceGoneException;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.Workload;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Scales an ECS service to a desired count of 0: a service replaces every task that stops, so a service that runs a
 * miner (a mining finding on one of its tasks, or a service the contained key created or scaled) is no longer the
 * owner's service. ECS then stops its tasks itself; the service, its task definition and its configuration stay. The
 * prior desired count is recorded and a release restores it. An Application Auto Scaling policy on the service could
 * raise the count again: that {@code UpdateService} call is seen as a containment undone and scaled back to 0.
 *
 * <p>IAM actions: {@code ecs:DescribeServices}, {@code ecs:UpdateService}. Undo:
 * {@code aws ecs update-service --cluster CLUSTER --service NAME --desired-count N} with the recorded count
 * ({@link EcsReversals.RestoreDesiredCount}).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html">UpdateService</a>
 */
public final class ScaleServiceToZero implements Stopping {
    private final EcsClient ecs;
    private final String serviceArn;
    private final String cluster;
    private final String region;

    public ScaleServiceToZero(EcsClient ecs, String serviceArn, String cluster, String region) {
        this.ecs = ecs;
        this.serviceArn = serviceArn;
        this.cluster = cluster;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return EcsStepKinds.SCALE_SERVICE_TO_ZERO;
    }

    @Override
    public String target() {
        return serviceArn;
    }

    @Override
    public String undo() {
        return "aws ecs update-service --region " + region + " --cluster " + cluster + " --service "
                + Workload.lastName(serviceArn) + " --desired-count <the recorded desiredCount>";
    }

    @Override
    public StepResult run(StepContext context) {
        StepResult first = stopFirst(context);
        if (first instanceof StepResult.Applied) {
            Verification.until("service " + serviceArn + " at desired count 0", () -> describe().desiredCount() == 0);
        }
        return first;
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        Service service = describe();
        ObjectNode prior = Json.object().put("region", region).put("cluster", cluster).put("serviceArn", serviceArn)
                .put("desiredCount", service.desiredCount()).put("runningCount", service.runningCount())
                .put("taskDefinition", service.taskDefinition());
        if (service.desiredCount() == 0) {
            return new StepResult.AlreadyApplied(prior, "service " + service.serviceName() + " is already at a desired"
                    + " count of 0 (" + service.runningCount() + " task(s) still running)");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would scale service " + service.serviceName() + " from "
                    + service.desiredCount() + " to 0");
        }
        context.changing(prior);
        ecs.updateService(r -> r.cluster(cluster).service(serviceArn).desiredCount(0));
        return new StepResult.Applied(prior, "scaled service " + service.serviceName() + " from "
                + service.desiredCount() + " to 0; ECS stops its tasks, the service and its task definition stay");
    }

    private Service describe() {
        Service service = ecs.describeServices(r -> r.cluster(cluster).services(serviceArn)).services().stream()
                .findFirst().orElseThrow(() -> new ResourceGoneException("ECS service " + serviceArn + " is gone"));
        if ("INACTIVE".equals(service.status())) {
            throw new ResourceGoneException("ECS service " + serviceArn + " was deleted");
        }
        return service;
    }
}

package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Optional;

/**
 * Reads a GuardDuty Runtime Monitoring finding on ECS into the signal of its task. An {@code ECSCluster} resource names
 * the task in {@code resource.ecsClusterDetails.taskDetails} ({@code arn}, {@code definitionArn}, {@code group} —
 * {@code service:NAME} for a service's task —, {@code startedBy}, {@code launchType}): that task, and through its group
 * its service, is the workload. Whether it mines comes from the finding type ({@link EcsFindingFamilies}).
 *
 * <p>A {@code Container} resource ({@code resource.containerDetails}) names a container and no task (a container on an
 * instance outside ECS, or a finding that lost its task): it is recorded and alerted, never guessed into a task.
 *
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/APIReference/API_EcsClusterDetails.html">EcsClusterDetails</a>
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/APIReference/API_EcsTaskDetails.html">EcsTaskDetails</a>
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/ug/findings-runtime-monitoring.html">Runtime Monitoring
 *     finding types</a>
 */
final class EcsFindingReader {
    private EcsFindingReader() {}

    static ParseResult read(Origin origin, JsonNode detail, String reason) {
        JsonNode resource = detail.path("resource");
        JsonNode cluster = resource.path("ecsClusterDetails");
        JsonNode task = cluster.path("taskDetails");
        Optional<String> taskArn = Json.text(task, "/arn").filter(arn -> arn.startsWith("arn:") && arn.contains(":task/"));
        if (taskArn.isEmpty()) {
            return new ParseResult.Signals(List.of(), List.of(unnamed(resource, origin)));
        }
        String type = origin.findingType().orElse("");
        String clusterName = Json.text(cluster, "/arn").or(() -> Json.text(cluster, "/name")).orElse("");
        EcsTask workload = new EcsTask(taskArn.get(), clusterName, Json.text(task, "/group"),
                Json.text(task, "/definitionArn"));
        String why = reason + " (" + type + ")" + Json.text(task, "/launchType").map(t -> ", launch type " + t)
                .orElse("") + Json.text(task, "/startedBy").map(s -> ", started by " + s).orElse("");
        return new ParseResult.Signals(List.of(new CompromisedWorkload(origin, workload, why,
                EcsFindingFamilies.isMining(type), Optional.empty())));
    }

    // No task to act on: what the finding names, for the alert; a person decides.
    private static String unnamed(JsonNode resource, Origin origin) {
        String container = Json.text(resource, "/containerDetails/name")
                .or(() -> Json.text(resource, "/containerDetails/id"))
                .or(() -> Json.text(resource, "/ecsClusterDetails/name")).orElse("an unnamed container");
        return "GuardDuty " + origin.findingType().orElse("finding") + " on " + container
                + " names no ECS task: recorded and alerted, nothing stopped (Tourniquet never guesses the task);"
                + " find it with aws ecs list-tasks and stop it by hand";
    }
}

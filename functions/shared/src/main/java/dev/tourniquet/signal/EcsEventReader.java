package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads ECS's CloudTrail records into provenance of the workloads they start or change ({@link Workload}):
 * {@code RunTask} names each task it started in {@code responseElements.tasks[]} (its ARN, cluster, group and task
 * definition kept as details); {@code CreateService} and {@code UpdateService} name the service in
 * {@code responseElements.service} (its cluster, task definition and desired count kept); {@code RegisterTaskDefinition}
 * is kept as history of the task definition only ({@value #TASK_DEFINITION_TYPE}: no workload, nothing runs from it
 * until a task or service does).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/logging-using-cloudtrail.html">ECS in
 *     CloudTrail</a>
 */
final class EcsEventReader {
    static final Set<String> EVENTS = Set.of("RunTask", "CreateService", "UpdateService", "RegisterTaskDefinition");
    /** The provenance type of a registered task definition: history, never contained on its own. */
    static final String TASK_DEFINITION_TYPE = "ecs-task-definition";
    /** The detail of a service record: its desired count after the call. */
    static final String DESIRED_COUNT = "desiredCount";

    private EcsEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        List<Provenance> records = new ArrayList<>();
        switch (caller.eventName()) {
            case "RunTask" -> {
                for (JsonNode task : record.at("/responseElements/tasks")) {
                    Json.text(task, "/taskArn").ifPresent(arn -> records.add(caller.provenance(EcsTask.TYPE, arn,
                            taskDetails(task, record))));
                }
            }
            case "CreateService", "UpdateService" -> {
                JsonNode service = record.at("/responseElements/service");
                serviceArn(record, service, caller).ifPresent(arn -> records.add(caller.provenance(EcsService.TYPE,
                        arn, serviceDetails(service, record))));
            }
            case "RegisterTaskDefinition" -> {
                JsonNode definition = record.at("/responseElements/taskDefinition");
                Json.text(definition, "/taskDefinitionArn").ifPresent(arn -> {
                    Map<String, String> details = new HashMap<>();
                    Json.text(definition, "/taskRoleArn").ifPresent(role -> details.put("taskRoleArn", role));
                    records.add(caller.provenance(TASK_DEFINITION_TYPE, arn, details));
                });
            }
            default -> { }
        }
        return records;
    }

    // The response names the service; an UpdateService whose response was cut short still names it in the request.
    private static Optional<String> serviceArn(JsonNode record, JsonNode service, CloudTrailCaller caller) {
        return Json.text(service, "/serviceArn").or(() -> Json.text(record, "/requestParameters/service")
                .map(named -> serviceArnOf(named, Json.text(record, "/requestParameters/cluster"), caller.partition(),
                        caller.region(), caller.accountId())));
    }

    /**
     * The ARN of a service a request names by name or ARN, in a cluster named by name or ARN (the {@code default}
     * cluster when none is named, as ECS does).
     */
    static String serviceArnOf(String named, Optional<String> cluster, String partition, String region, String account) {
        if (named.startsWith("arn:")) {
            return named;
        }
        String clusterName = cluster.map(Workload::lastName).filter(c -> !c.isEmpty()).orElse("default");
        return "arn:" + partition + ":ecs:" + region + ":" + account + ":service/" + clusterName + "/" + named;
    }

    private static Map<String, String> serviceDetails(JsonNode service, JsonNode record) {
        Map<String, String> details = new HashMap<>();
        Json.text(service, "/clusterArn").or(() -> Json.text(record, "/requestParameters/cluster"))
                .ifPresent(c -> details.put(EcsTask.CLUSTER, c));
        Json.text(service, "/taskDefinition").or(() -> Json.text(record, "/requestParameters/taskDefinition"))
                .ifPresent(d -> details.put(EcsTask.TASK_DEFINITION, d));
        JsonNode desired = service.has("desiredCount") ? service.path("desiredCount")
                : record.at("/requestParameters/desiredCount");
        if (desired.isNumber()) {
            details.put(DESIRED_COUNT, desired.asText());
        }
        Json.text(service, "/launchType").ifPresent(t -> details.put("launchType", t));
        return details;
    }

    private static Map<String, String> taskDetails(JsonNode task, JsonNode record) {
        Map<String, String> details = new HashMap<>();
        Json.text(task, "/clusterArn").or(() -> Json.text(record, "/requestParameters/cluster"))
                .ifPresent(c -> details.put(EcsTask.CLUSTER, c));
        Json.text(task, "/group").ifPresent(g -> details.put(EcsTask.GROUP, g));
        Json.text(task, "/taskDefinitionArn").ifPresent(d -> details.put(EcsTask.TASK_DEFINITION, d));
        return details;
    }
}

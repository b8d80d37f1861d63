package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads ECS's CloudTrail records into provenance of the workloads they start or change ({@link Workload}):
 * {@code RunTask} names each task it started in {@code responseElements.tasks[]} (its ARN, cluster, group and task
 * definition kept as details). The ECS part of issue 17 adds the service and task-definition records.
 */
final class EcsEventReader {
    static final Set<String> EVENTS = Set.of("RunTask");

    private EcsEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        List<Provenance> records = new ArrayList<>();
        if ("RunTask".equals(caller.eventName())) {
            for (JsonNode task : record.at("/responseElements/tasks")) {
                Json.text(task, "/taskArn").ifPresent(arn -> records.add(caller.provenance(EcsTask.TYPE, arn,
                        taskDetails(task, record))));
            }
        }
        return records;
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

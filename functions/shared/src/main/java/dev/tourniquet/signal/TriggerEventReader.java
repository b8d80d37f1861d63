package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the CloudTrail records by which a caller points a trigger at rented compute into provenance of that trigger
 * ({@link WorkloadTrigger}): {@code PutTargets} (events.amazonaws.com) with a target that runs an ECS task definition on
 * a cluster, starts a CodeBuild project, submits to a Batch job queue or starts a CodePipeline pipeline;
 * {@code CreateSchedule} and {@code UpdateSchedule} (scheduler.amazonaws.com) with such a templated target, or a
 * universal one ({@code aws-sdk:ecs:runTask}, {@code codebuild:startBuild}, {@code batch:submitJob},
 * {@code codepipeline:startPipelineExecution}) whose input names it. A trigger of anything else (a function, a queue)
 * is not recorded here. {@code PutRule} alone names no target: the rule is recorded when a target is put on it.
 */
final class TriggerEventReader {
    static final Set<String> EVENTS = Set.of("PutTargets", "CreateSchedule", "UpdateSchedule");
    private static final Map<String, String> UNIVERSAL = Map.of("ecs:runtask", "ecs", "codebuild:startbuild",
            "codebuild", "batch:submitjob", "batch", "codepipeline:startpipelineexecution", "codepipeline");

    private TriggerEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        String prefix = caller.partition() + ":";
        List<Provenance> records = new ArrayList<>();
        switch (caller.eventName()) {
            case "PutTargets" -> Json.text(request, "/rule").ifPresent(rule -> {
                String bus = Workload.lastName(Json.text(request, "/eventBusName").orElse("default"));
                String arn = "arn:" + prefix + "events:" + caller.region() + ":" + caller.accountId() + ":rule/"
                        + ("default".equals(bus) ? "" : bus + "/") + rule;
                // One record per rule: the first target that starts compute bounds the cut (the cut reads every
                // target of the rule again when it runs).
                for (JsonNode target : request.path("targets")) {
                    Optional<Map<String, String>> starts = starts(target, caller);
                    if (starts.isPresent()) {
                        records.add(caller.provenance(WorkloadTrigger.RULE_TYPE, arn, starts.get()));
                        break;
                    }
                }
            });
            // A schedule created or left disabled starts nothing.
            case "CreateSchedule", "UpdateSchedule" -> Json.text(request, "/name")
                    .filter(name -> !"DISABLED".equals(Json.text(request, "/state").orElse("ENABLED"))).ifPresent(name -> {
                String group = Json.text(request, "/groupName").orElse("default");
                String arn = Json.text(record, "/responseElements/scheduleArn").orElse("arn:" + prefix + "scheduler:"
                        + caller.region() + ":" + caller.accountId() + ":schedule/" + group + "/" + name);
                starts(request.path("target"), caller).ifPresent(starts -> records.add(caller.provenance(
                        WorkloadTrigger.SCHEDULE_TYPE, arn, starts)));
            });
            default -> { }
        }
        return records;
    }

    // What a target starts: service, the ARN a rule targets, its name and (ECS) the task definition family.
    static Optional<Map<String, String>> starts(JsonNode target, CloudTrailCaller caller) {
        String arn = Json.text(target, "/arn").orElse("");
        String[] parts = arn.split(":", 6);
        if (parts.length != 6) {
            return Optional.empty();
        }
        if (arn.contains(":scheduler:::aws-sdk:")) {
            return universal(arn, Json.text(target, "/input").orElse(""), caller);
        }
        String resource = parts[5];
        return switch (parts[2]) {
            case "ecs" -> Json.text(target, "/ecsParameters/taskDefinitionArn").filter(d -> resource.startsWith("cluster/"))
                    .map(d -> starts("ecs", arn, Workload.lastName(arn), family(d)));
            case "codebuild" -> resource.startsWith("project/")
                    ? Optional.of(starts("codebuild", arn, Workload.lastName(arn), "")) : Optional.empty();
            case "batch" -> resource.startsWith("job-queue/")
                    ? Optional.of(starts("batch", arn, Workload.lastName(arn), "")) : Optional.empty();
            case "codepipeline" -> resource.isEmpty() || resource.contains("/") ? Optional.empty()
                    : Optional.of(starts("codepipeline", arn, resource, ""));
            default -> Optional.empty();
        };
    }

    // A universal target's input is the API's request: it names the cluster and task definition, project, queue or
    // pipeline (by name or ARN; the SDK and console spell members PascalCase or camelCase).
    private static Optional<Map<String, String>> universal(String arn, String input, CloudTrailCaller caller) {
        String action = arn.substring(arn.indexOf(":aws-sdk:") + ":aws-sdk:".length()).toLowerCase(Locale.ROOT);
        String service = UNIVERSAL.get(action);
        if (service == null) {
            return Optional.empty();
        }
        JsonNode request = parse(input);
        String base = "arn:" + caller.partition() + ":" + service + ":" + caller.region() + ":" + caller.accountId()
                + ":";
        return switch (service) {
            case "ecs" -> member(request, "taskDefinition").map(d -> {
                String cluster = Workload.lastName(member(request, "cluster").orElse("default"));
                return starts("ecs", base + "cluster/" + cluster, cluster, family(d));
            });
            case "codebuild" -> member(request, "projectName").map(Workload::lastName)
                    .map(p -> starts("codebuild", base + "project/" + p, p, ""));
            case "batch" -> member(request, "jobQueue").map(q -> q.startsWith("arn:") ? starts("batch", q,
                    Workload.lastName(q), "") : starts("batch", base + "job-queue/" + q, q, ""));
            default -> member(request, "name").map(p -> starts("codepipeline", base + p, p, ""));
        };
    }

    private static Map<String, String> starts(String service, String targetArn, String name, String family) {
        Map<String, String> details = new HashMap<>();
        details.put(WorkloadTrigger.SERVICE, service);
        details.put(WorkloadTrigger.TARGET_ARN, targetArn);
        details.put(WorkloadTrigger.NAME, name);
        details.put(WorkloadTrigger.FAMILY, family);
        return details;
    }

    // arn:…:task-definition/FAMILY:REV, FAMILY:REV or FAMILY → FAMILY.
    private static String family(String taskDefinition) {
        String last = taskDefinition.startsWith("arn:") ? taskDefinition.substring(taskDefinition.indexOf('/') + 1)
                : taskDefinition;
        int colon = last.indexOf(':');
        return colon < 0 ? last : last.substring(0, colon);
    }

    private static Optional<String> member(JsonNode request, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
                return Optional.of(field.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(String input) {
        try {
            return input.isBlank() ? Json.object() : Json.MAPPER.readTree(input);
        } catch (java.io.IOException e) {
            return Json.object();
        }
    }
}

package dev.tourniquet.step.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.BatchResource;
import dev.tourniquet.signal.CodeBuildBuild;
import dev.tourniquet.signal.CodeBuildBuildBatch;
import dev.tourniquet.signal.CodeBuildProject;
import dev.tourniquet.signal.EcsTask;
import dev.tourniquet.signal.Workload;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a trigger must name to start a contained workload again: an ECS task definition family on a cluster
 * ({@code RunTask}), a CodeBuild project ({@code StartBuild}), or an AWS Batch job queue ({@code SubmitJob}). A rule's or
 * a templated schedule's target names the cluster, project or queue by its ARN (an ECS target also names the task
 * definition); a schedule's universal target ({@code arn:aws:scheduler:::aws-sdk:ecs:runTask} …) names them in its
 * input, the API's request.
 *
 * <p>Exactly what starts this workload: an ECS trigger on the same cluster for another family (the owner's nightly job)
 * is not it. A workload whose trigger cannot be named exactly (an ECS service, whose tasks ECS itself replaces; a Batch
 * job, whose queue is not in its ARN; SageMaker) has none.
 *
 * @param service   {@code ecs}, {@code codebuild} or {@code batch}
 * @param targetArn the ARN a rule or templated schedule targets: the cluster, project or job queue
 * @param name      the cluster, project or queue name
 * @param family    the ECS task definition family (empty for the others)
 */
public record WorkloadStarts(String service, String targetArn, String name, String family) {
    static final String ECS = "ecs";
    static final String CODEBUILD = "codebuild";
    static final String BATCH = "batch";
    static final String CODEPIPELINE = "codepipeline";
    private static final Map<String, String> UNIVERSAL = Map.of(ECS, "runtask", CODEBUILD, "startbuild", BATCH,
            "submitjob", CODEPIPELINE, "startpipelineexecution");

    /** What starts {@code workload} again, when a trigger can name it exactly. */
    public static Optional<WorkloadStarts> of(Workload workload) {
        String prefix = arnPrefix(workload.arn());
        return switch (workload) {
            case EcsTask task -> family(task).filter(f -> !task.cluster().isEmpty()).map(family -> {
                String cluster = lastPart(task.cluster());
                return new WorkloadStarts(ECS, prefix + "cluster/" + cluster, cluster, family);
            });
            case CodeBuildProject project -> Optional.of(codeBuild(prefix, lastPart(project.arn())));
            case CodeBuildBuild build -> buildProject(build.arn()).map(project -> codeBuild(prefix, project));
            // A batch is started on its project as a build is: the same rules and schedules start it again.
            case CodeBuildBuildBatch batch -> Optional.of(batch.project()).filter(p -> !p.isEmpty())
                    .map(project -> codeBuild(prefix, project));
            case BatchResource resource when resource.kind() == BatchResource.Kind.JOB_QUEUE ->
                    Optional.of(new WorkloadStarts(BATCH, resource.arn(), lastPart(resource.arn()), ""));
            default -> Optional.empty();
        };
    }

    /** What a trigger cut recorded in its prior state ({@link TriggerStep#prior()}), to cut the same again. */
    public static Optional<WorkloadStarts> fromPrior(JsonNode prior) {
        String service = prior.path("service").asText("");
        String target = prior.path("targetArn").asText("");
        if (!UNIVERSAL.containsKey(service) || target.split(":", 6).length != 6) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadStarts(service, target, prior.path("name").asText(""),
                prior.path("family").asText("")));
    }

    /** The region, from the target ARN. */
    public String region() {
        return targetArn.split(":", 6)[3];
    }

    /** A few words for a step's result. */
    public String describe() {
        return switch (service) {
            case ECS -> "ECS task definition " + family + " on cluster " + name;
            case CODEBUILD -> "CodeBuild project " + name;
            case CODEPIPELINE -> "CodePipeline pipeline " + name;
            default -> "Batch job queue " + name;
        };
    }

    /**
     * What a credential's own rule or schedule ({@link WorkloadTrigger}) starts, as its provenance record read it: a
     * pipeline too, which no contained workload names.
     */
    public static Optional<WorkloadStarts> ofTrigger(dev.tourniquet.signal.WorkloadTrigger trigger) {
        Optional<String> service = trigger.detail(dev.tourniquet.signal.WorkloadTrigger.SERVICE)
                .filter(UNIVERSAL::containsKey);
        Optional<String> target = trigger.detail(dev.tourniquet.signal.WorkloadTrigger.TARGET_ARN)
                .filter(t -> t.split(":", 6).length == 6);
        if (service.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkloadStarts(service.get(), target.get(),
                trigger.detail(dev.tourniquet.signal.WorkloadTrigger.NAME).orElse(lastPart(target.get())),
                trigger.detail(dev.tourniquet.signal.WorkloadTrigger.FAMILY).orElse("")));
    }

    /**
     * Whether a rule's or templated schedule's target starts it: it targets the cluster, project or queue, and (ECS) runs
     * this family.
     *
     * @param arn            the target's ARN
     * @param taskDefinition an ECS target's task definition ARN (empty for other targets)
     */
    public boolean startedBy(String arn, Optional<String> taskDefinition) {
        if (arn == null || !arn.equals(targetArn)) {
            return false;
        }
        return !ECS.equals(service) || taskDefinition.map(WorkloadStarts::familyOf).filter(family::equals).isPresent();
    }

    /** Whether a schedule's universal target ({@code arn:…:scheduler:::aws-sdk:SERVICE:ACTION}) with this input starts it. */
    public boolean startedByUniversal(String arn, String input) {
        if (arn == null || !arn.contains(":scheduler:::aws-sdk:")) {
            return false;
        }
        String[] parts = arn.substring(arn.indexOf(":aws-sdk:") + ":aws-sdk:".length()).split(":");
        if (parts.length != 2 || !service.equals(parts[0])
                || !UNIVERSAL.get(service).equals(parts[1].toLowerCase(Locale.ROOT))) {
            return false;
        }
        JsonNode request = parse(input);
        return switch (service) {
            // RunTask without a cluster runs on the cluster named "default".
            case ECS -> lastPart(member(request, "cluster").orElse("default")).equals(name)
                    && member(request, "taskDefinition").map(WorkloadStarts::familyOf).filter(family::equals).isPresent();
            case CODEBUILD -> member(request, "projectName").map(WorkloadStarts::lastPart).filter(name::equals).isPresent();
            case CODEPIPELINE -> member(request, "name").filter(name::equals).isPresent();
            default -> member(request, "jobQueue").map(WorkloadStarts::lastPart).filter(name::equals).isPresent();
        };
    }

    // A task runs its definition's family; a task started by RunTask has the group family:NAME.
    private static Optional<String> family(EcsTask task) {
        return task.taskDefinitionArn().map(WorkloadStarts::familyOf)
                .or(() -> task.group().filter(g -> g.startsWith("family:")).map(g -> g.substring("family:".length())));
    }

    /** {@code arn:…:task-definition/FAMILY:REV}, {@code FAMILY:REV} or {@code FAMILY} → {@code FAMILY}. */
    static String familyOf(String taskDefinition) {
        String last = lastPart(taskDefinition);
        int colon = last.indexOf(':');
        return colon < 0 ? last : last.substring(0, colon);
    }

    private static WorkloadStarts codeBuild(String prefix, String project) {
        return new WorkloadStarts(CODEBUILD, prefix + "project/" + project, project, "");
    }

    // arn:P:codebuild:R:A:build/PROJECT:ID → PROJECT.
    private static Optional<String> buildProject(String arn) {
        String resource = arn.split(":", 6).length == 6 ? arn.split(":", 6)[5] : "";
        if (!resource.startsWith("build/")) {
            return Optional.empty();
        }
        String rest = resource.substring("build/".length());
        int colon = rest.indexOf(':');
        return Optional.of(colon < 0 ? rest : rest.substring(0, colon)).filter(s -> !s.isEmpty());
    }

    // arn:P:SERVICE:R:A: (what precedes the resource).
    private static String arnPrefix(String arn) {
        String[] parts = arn.split(":", 6);
        return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4]) + ":";
    }

    // A name or an ARN (…/NAME, …:NAME for an ECS task definition's ARN's last part is FAMILY:REV) → its last part.
    static String lastPart(String nameOrArn) {
        String value = nameOrArn == null ? "" : nameOrArn;
        if (value.startsWith("arn:")) {
            String resource = value.split(":", 6).length == 6 ? value.split(":", 6)[5] : value;
            return resource.substring(resource.indexOf('/') + 1);
        }
        return value;
    }

    // The API's request members: SDK and console spell them PascalCase or camelCase; either is the member.
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
            return input == null || input.isBlank() ? Json.object() : Json.MAPPER.readTree(input);
        } catch (java.io.IOException e) {
            return Json.object();
        }
    }
}

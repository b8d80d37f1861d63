package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads CodeBuild's CloudTrail records into provenance of the workloads they create, start or change
 * ({@link Workload}): {@code CreateProject} and {@code UpdateProject} name a {@link CodeBuildProject}
 * ({@code responseElements.project.arn}, else built from {@code requestParameters.name}), {@code StartBuild} a
 * {@link CodeBuildBuild} ({@code responseElements.build.arn}), {@code StartBuildBatch} a {@link CodeBuildBuildBatch}
 * ({@code responseElements.buildBatch.arn}, else built from its {@code id}). What a miner writes into a build is kept as evidence in
 * the record's details ({@link #BUILDSPEC}, {@link #IMAGE}, {@link #COMPUTE_TYPE}): the buildspec it overrode or set,
 * the image and the compute type. AWS's own example record of CreateProject holds the project in
 * {@code responseElements.project} and little in {@code requestParameters}, so both are read, the request's override
 * first (it is what the caller wrote).
 *
 * @see <a href="https://docs.aws.amazon.com/codebuild/latest/userguide/cloudtrail.html">CodeBuild in CloudTrail</a>
 */
final class CodeBuildEventReader {
    static final Set<String> EVENTS = Set.of("CreateProject", "UpdateProject", "StartBuild", "StartBuildBatch");
    /** The buildspec the call set or overrode (inline YAML or a path), cut to {@value #MAX_DETAIL} characters. */
    static final String BUILDSPEC = "buildspec";
    /** The build image ({@code aws/codebuild/standard:7.0}, or a miner's own image). */
    static final String IMAGE = "image";
    /** CodeBuild's compute type ({@code BUILD_GENERAL1_2XLARGE}): not an EC2 instance type, so judged by region only. */
    static final String COMPUTE_TYPE = "computeType";
    /** The project a build ran from. */
    static final String PROJECT = "project";
    // A provenance item must stay well under DynamoDB's 400 KB: the whole buildspec is in the build's evidence.
    static final int MAX_DETAIL = 4000;

    private CodeBuildEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        JsonNode response = record.path("responseElements");
        return switch (caller.eventName()) {
            case "CreateProject", "UpdateProject" -> {
                JsonNode project = response.path("project");
                Optional<String> arn = Json.text(project, "/arn").or(() -> Json.text(request, "/name")
                        .or(() -> Json.text(project, "/name")).map(name -> "arn:" + caller.partition() + ":codebuild:"
                                + caller.region() + ":" + caller.accountId() + ":project/" + name));
                Map<String, String> details = new HashMap<>();
                put(details, BUILDSPEC, Json.text(request, "/source/buildspec")
                        .or(() -> Json.text(project, "/source/buildspec")));
                put(details, IMAGE, Json.text(request, "/environment/image")
                        .or(() -> Json.text(project, "/environment/image")));
                put(details, COMPUTE_TYPE, Json.text(request, "/environment/computeType")
                        .or(() -> Json.text(project, "/environment/computeType")));
                yield arn.map(a -> List.of(caller.provenance(CodeBuildProject.TYPE, a, details))).orElse(List.of());
            }
            case "StartBuild" -> {
                JsonNode build = response.path("build");
                yield Json.text(build, "/arn").map(a -> List.of(caller.provenance(CodeBuildBuild.TYPE, a,
                        started(request, build)))).orElse(List.of());
            }
            // A batch takes the same overrides as a build; its response names it buildBatch.
            case "StartBuildBatch" -> {
                JsonNode batch = response.path("buildBatch");
                Optional<String> arn = Json.text(batch, "/arn").or(() -> Json.text(batch, "/id").map(id -> "arn:"
                        + caller.partition() + ":codebuild:" + caller.region() + ":" + caller.accountId()
                        + ":build-batch/" + id));
                yield arn.map(a -> List.of(caller.provenance(CodeBuildBuildBatch.TYPE, a, started(request, batch))))
                        .orElse(List.of());
            }
            default -> List.of();
        };
    }

    // What the caller wrote into a build or batch it started: the request's overrides first, else what it ran.
    private static Map<String, String> started(JsonNode request, JsonNode started) {
        Map<String, String> details = new HashMap<>();
        put(details, PROJECT, Json.text(request, "/projectName").or(() -> Json.text(started, "/projectName")));
        put(details, BUILDSPEC, Json.text(request, "/buildspecOverride")
                .or(() -> Json.text(started, "/source/buildspec")));
        put(details, IMAGE, Json.text(request, "/imageOverride")
                .or(() -> Json.text(started, "/environment/image")));
        put(details, COMPUTE_TYPE, Json.text(request, "/computeTypeOverride")
                .or(() -> Json.text(started, "/environment/computeType")));
        return details;
    }

    private static void put(Map<String, String> details, String key, Optional<String> value) {
        value.filter(v -> !v.isBlank()).ifPresent(v -> details.put(key, v.length() > MAX_DETAIL
                ? v.substring(0, MAX_DETAIL) : v));
    }
}

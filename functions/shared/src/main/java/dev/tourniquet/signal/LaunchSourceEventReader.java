package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads who created or changed what launches instances again ({@link LaunchSource}): Auto Scaling groups, launch
 * configurations and templates, Spot Fleets and EC2 Fleets. A group counts as a key's when the key created it or
 * pointed it at another launch template or configuration; a template, when the key created it, added a version or
 * changed its default version (a group following it launches what the key wrote).
 * <ul>
 *   <li>Auto Scaling (a JSON API: {@code requestParameters} camelCase, {@code responseElements} null):
 *       {@code CreateAutoScalingGroup} and {@code UpdateAutoScalingGroup} ({@code autoScalingGroupName},
 *       {@code launchTemplate{launchTemplateId|launchTemplateName}}, {@code launchConfigurationName},
 *       {@code mixedInstancesPolicy.launchTemplate.launchTemplateSpecification}), {@code CreateLaunchConfiguration}
 *       ({@code launchConfigurationName});</li>
 *   <li>EC2's newer calls, whose request and response CloudTrail wraps in {@code <Call>Request} (PascalCase
 *       members) and {@code <Call>Response} (camelCase): {@code CreateLaunchTemplate}, {@code
 *       CreateLaunchTemplateVersion}, {@code ModifyLaunchTemplate} (the template id from the response),
 *       {@code RequestSpotFleet} ({@code spotFleetRequestId}, {@code SpotFleetRequestConfig.Type}),
 *       {@code ModifySpotFleetRequest} ({@code SpotFleetRequestId}), {@code CreateFleet} ({@code fleetId},
 *       {@code Type}).</li>
 * </ul>
 * Both spellings are read where the record's wrapping has varied, so that a record seen either way names its resource.
 *
 * @see <a href="https://docs.aws.amazon.com/autoscaling/ec2/userguide/logging-using-cloudtrail.html">Auto Scaling in
 *     CloudTrail</a>
 * @see <a href="https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitor-with-cloudtrail.html">EC2 in CloudTrail</a>
 */
final class LaunchSourceEventReader {
    static final Set<String> AUTO_SCALING_EVENTS = Set.of("CreateAutoScalingGroup", "UpdateAutoScalingGroup",
            "CreateLaunchConfiguration");
    static final Set<String> EC2_EVENTS = Set.of("CreateLaunchTemplate", "CreateLaunchTemplateVersion",
            "ModifyLaunchTemplate", "RequestSpotFleet", "ModifySpotFleetRequest", "CreateFleet");
    static final Set<String> EVENTS = union(AUTO_SCALING_EVENTS, EC2_EVENTS);

    private LaunchSourceEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        String event = caller.eventName();
        JsonNode wrappedRequest = request.path(event + "Request");
        JsonNode response = record.path("responseElements").path(event + "Response");
        return switch (event) {
            case "CreateAutoScalingGroup", "UpdateAutoScalingGroup" -> group(request, caller);
            case "CreateLaunchConfiguration" -> Json.text(request, "/launchConfigurationName")
                    .map(name -> List.of(caller.provenance(LaunchSource.LAUNCH_CONFIGURATION, name,
                            Json.text(request, "/instanceType").map(t -> Map.of(SpendShape.INSTANCE_TYPE, t))
                                    .orElse(Map.of())))).orElse(List.of());
            case "CreateLaunchTemplate", "ModifyLaunchTemplate" -> template(first(response,
                    "/launchTemplate/launchTemplateId").or(() -> first(wrappedRequest, "/LaunchTemplateId")),
                    first(response, "/launchTemplate/launchTemplateName")
                            .or(() -> first(wrappedRequest, "/LaunchTemplateName")), wrappedRequest, caller);
            case "CreateLaunchTemplateVersion" -> template(first(response, "/launchTemplateVersion/launchTemplateId")
                    .or(() -> first(wrappedRequest, "/LaunchTemplateId")), first(response,
                    "/launchTemplateVersion/launchTemplateName").or(() -> first(wrappedRequest, "/LaunchTemplateName")),
                    wrappedRequest, caller);
            case "RequestSpotFleet" -> fleet(LaunchSource.SPOT_FLEET, first(response, "/spotFleetRequestId"),
                    first(wrappedRequest, "/SpotFleetRequestConfig/Type").orElse("maintain"),
                    wrappedRequest.path("SpotFleetRequestConfig"), caller);
            case "ModifySpotFleetRequest" -> fleet(LaunchSource.SPOT_FLEET,
                    first(wrappedRequest, "/SpotFleetRequestId").or(() -> first(request, "/spotFleetRequestId")), "",
                    wrappedRequest.path("LaunchTemplateConfigs"), caller);
            case "CreateFleet" -> fleet(LaunchSource.EC2_FLEET, first(response, "/fleetId"),
                    first(wrappedRequest, "/Type").orElse("maintain"), wrappedRequest.path("LaunchTemplateConfigs"),
                    caller);
            default -> List.of();
        };
    }

    // A scaling-only update (sizes, health checks) leaves the group the owner's: only a launch change counts.
    private static List<Provenance> group(JsonNode request, CloudTrailCaller caller) {
        Optional<String> name = Json.text(request, "/autoScalingGroupName");
        Map<String, String> details = new HashMap<>();
        JsonNode template = request.path("launchTemplate").isMissingNode()
                ? request.at("/mixedInstancesPolicy/launchTemplate/launchTemplateSpecification")
                : request.path("launchTemplate");
        Json.text(template, "/launchTemplateId").ifPresent(id -> details.put("launchTemplateId", id));
        Json.text(template, "/launchTemplateName").ifPresent(n -> details.put("launchTemplateName", n));
        Json.text(request, "/launchConfigurationName").ifPresent(n -> details.put("launchConfigurationName", n));
        // The types its mixed instances policy overrides name (SpendShape); else its template's, if recorded.
        SpendShapeReader.instanceTypes(request.at("/mixedInstancesPolicy/launchTemplate/overrides"))
                .ifPresent(t -> details.put(SpendShape.INSTANCE_TYPE, t));
        if (name.isEmpty() || "UpdateAutoScalingGroup".equals(caller.eventName()) && details.isEmpty()) {
            return List.of();
        }
        return List.of(caller.provenance(LaunchSource.AUTO_SCALING_GROUP, name.get(), details));
    }

    // A template is only recorded (it launches nothing): its instance type, when its data says, judges what a group
    // or fleet later launches from it (SpendShape).
    private static List<Provenance> template(Optional<String> id, Optional<String> name, JsonNode request,
                                             CloudTrailCaller caller) {
        Map<String, String> details = SpendShapeReader.withTypes(
                name.map(n -> Map.of("launchTemplateName", n)).orElse(Map.of()), request.path("LaunchTemplateData"));
        return id.or(() -> name).map(resource -> List.of(caller.provenance(LaunchSource.LAUNCH_TEMPLATE, resource,
                details))).orElse(List.of());
    }

    // The instance types its launch specifications and template overrides name (SpendShape).
    private static List<Provenance> fleet(String type, Optional<String> id, String fleetType, JsonNode launches,
                                          CloudTrailCaller caller) {
        Map<String, String> details = SpendShapeReader.withTemplate(SpendShapeReader.withTypes(fleetType.isEmpty()
                ? Map.of() : Map.of(LaunchSource.SPOT_TYPE, fleetType), launches), launches);
        return id.map(fleet -> List.of(caller.provenance(type, fleet, details))).orElse(List.of());
    }

    // The response members are camelCase; a record seen with PascalCase members is read the same.
    private static Optional<String> first(JsonNode node, String pointer) {
        return Json.text(node, pointer).or(() -> Json.text(node, pascal(pointer)));
    }

    private static String pascal(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            out.append('/').append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Set.copyOf(Stream.concat(a.stream(), b.stream()).toList());
    }
}

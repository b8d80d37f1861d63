package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads who wrote which tag on which user, role, function or instance, and who created which identity, from
 * the CloudTrail records of the calls that do it:
 * <ul>
 *   <li>IAM {@code TagUser}, {@code TagRole} ({@code requestParameters.tags[]{key, value}}), {@code CreateUser}
 *       (tags given at creation; the user created is {@link IamEventReader}'s), {@code CreateRole} (tags given at
 *       creation; the identity created);</li>
 *   <li>Lambda {@code TagResource20170331v2} ({@code requestParameters.resource}, {@code tags} as a map) and
 *       {@code CreateFunction20150331} ({@code requestParameters.tags} as a map);</li>
 *   <li>EC2 {@code CreateTags} ({@code resourcesSet.items[].resourceId}, {@code tagSet.items[].key}) and
 *       {@code RunInstances} ({@code tagSpecificationSet.items[]} of {@code resourceType instance}).</li>
 * </ul>
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html">IAM in CloudTrail</a>
 */
final class TagEventReader {
    /** Calls recorded only for the tags they write or the identity they create. */
    static final Set<String> EVENTS = Set.of("TagUser", "TagRole", "CreateRole", "TagResource20170331v2",
            "CreateTags");

    private TagEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        List<Provenance> found = new ArrayList<>();
        switch (caller.eventName()) {
            case "TagUser", "CreateUser" -> Json.text(request, "/userName").map(TagWrites::user).ifPresent(user -> {
                // The user created is IamEventReader's record.
                keysOfList(request.path("tags")).forEach(key -> found.add(tag(caller, user, key)));
            });
            case "TagRole", "CreateRole" -> Json.text(request, "/roleName").map(TagWrites::role).ifPresent(role -> {
                keysOfList(request.path("tags")).forEach(key -> found.add(tag(caller, role, key)));
                if ("CreateRole".equals(caller.eventName())) {
                    found.add(caller.provenance(TagWrites.IDENTITY, role, IamPolicyEventReader.createdRole(record)));
                }
            });
            case "TagResource20170331v2" -> Json.text(request, "/resource").flatMap(FunctionArn::parse)
                    .ifPresent(arn -> request.path("tags").fieldNames()
                            .forEachRemaining(key -> found.add(tag(caller, arn.unqualified(), key))));
            case "CreateFunction20150331" -> function(record, caller)
                    .ifPresent(arn -> request.path("tags").fieldNames()
                            .forEachRemaining(key -> found.add(tag(caller, arn, key))));
            case "CreateTags" -> {
                List<String> keys = keysOfList(request.path("tagSet").path("items"));
                for (JsonNode item : request.path("resourcesSet").path("items")) {
                    Json.text(item, "/resourceId").ifPresent(id -> keys.forEach(key -> found.add(tag(caller, id, key))));
                }
            }
            case "RunInstances" -> found.addAll(launchTags(record, caller));
            default -> { }
        }
        return found;
    }

    // Tags given at launch apply to every instance the call launched.
    private static List<Provenance> launchTags(JsonNode record, CloudTrailCaller caller) {
        List<String> keys = new ArrayList<>();
        for (JsonNode spec : record.path("requestParameters").path("tagSpecificationSet").path("items")) {
            if ("instance".equals(spec.path("resourceType").asText())) {
                keys.addAll(keysOfList(spec.path("tags")));
            }
        }
        List<Provenance> found = new ArrayList<>();
        for (JsonNode item : record.path("responseElements").path("instancesSet").path("items")) {
            Json.text(item, "/instanceId").ifPresent(id -> keys.forEach(key -> found.add(tag(caller, id, key))));
        }
        return found;
    }

    private static Optional<String> function(JsonNode record, CloudTrailCaller caller) {
        return Json.text(record, "/responseElements/functionArn").flatMap(FunctionArn::parse)
                .map(FunctionArn::unqualified);
    }

    private static List<String> keysOfList(JsonNode tags) {
        List<String> keys = new ArrayList<>();
        for (JsonNode tag : tags) {
            Json.text(tag, "/key").ifPresent(keys::add);
        }
        return keys;
    }

    private static Provenance tag(CloudTrailCaller caller, String resource, String key) {
        return caller.provenance(TagWrites.TAG, TagWrites.tagOf(resource, key));
    }
}

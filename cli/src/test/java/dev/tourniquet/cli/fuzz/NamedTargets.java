package dev.tourniquet.cli.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resources an event names, and whether a planned step's target is one of them. A target passes when
 * it is one of the event's own values, or one of the few forms the code derives from such a value, each
 * listed in {@link #derivation}. Everything else (a role named by a value that is no role ARN, a user
 * named by a role ARN, a resource of Tourniquet's own) is a step on something the event does not name.
 */
public final class NamedTargets {
    private final Set<String> values = new HashSet<>();
    private final Map<String, String> derived = new HashMap<>();

    private NamedTargets(JsonNode event) {
        collect(event);
    }

    /** What {@code event} names: every scalar value in it, at any depth. */
    public static NamedTargets of(JsonNode event) {
        return new NamedTargets(event);
    }

    // Numbers and booleans too, as their text: the parsers read every scalar with asText().
    // The keys of a tags map ({"tags": {"KEY": "VALUE"}}, as Lambda records them) are names the event gives too.
    private void collect(JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ("tags".equals(field.getKey()) && field.getValue().isObject()) {
                    field.getValue().fieldNames().forEachRemaining(values::add);
                }
            });
        }
        if (node.isContainerNode()) {
            node.forEach(this::collect);
        } else if (!node.isNull() && !node.isMissingNode()) {
            values.add(node.asText());
        }
    }

    /** How the event names {@code target}, or empty when it does not. */
    public Optional<String> derivation(String target) {
        if (target == null) {
            return Optional.empty();
        }
        // The event's own value: an access key id, an instance id, a function ARN, a spot request id.
        if (values.contains(target)) {
            return Optional.of("named as it is");
        }
        if (derived.isEmpty()) {
            values.forEach(this::derive);
        }
        return Optional.ofNullable(derived.get(target)).or(() -> provenance(target)).or(() -> tagWrite(target));
    }

    // A tag write is kept as provenance under "tag:KEY@RESOURCE": the key and the resource, each named by the
    // event (a key or user name may hold '@', so every split is tried).
    private Optional<String> tagWrite(String target) {
        if (!target.startsWith("tag:")) {
            return Optional.empty();
        }
        String rest = target.substring("tag:".length());
        for (int at = rest.indexOf('@'); at >= 0; at = rest.indexOf('@', at + 1)) {
            String key = rest.substring(0, at);
            String resource = rest.substring(at + 1);
            if (values.contains(key) && (values.contains(resource) || derived.containsKey(resource)
                    || provenance(resource).isPresent())) {
                return Optional.of("the tag " + key + " written on " + resource);
            }
        }
        return Optional.empty();
    }

    // Every target the code may derive from one value of the event, and how (once, when first asked).
    private void derive(String value) {
        // RevokeRoleSessions targets "role/NAME", AttachUserQuarantinePolicy "user/NAME", with the name as the
        // event gives it: GuardDuty's accessKeyDetails.userName is the user's, or for an AssumedRole key the
        // role's, name.
        derived.putIfAbsent("role/" + value, "the role named " + value);
        derived.putIfAbsent("user/" + value, "the user named " + value);
        // The credential function before IAM is read: the user owning an access key the event names (an
        // exposed-key Health event names only the key).
        derived.putIfAbsent("user/(owner of " + value + ")", "the owner of key " + value);
        // An access key an identity created, kept as provenance ("key/ID").
        derived.putIfAbsent("key/" + value, "the access key " + value);
        FunctionArn.parse(value).ifPresent(function -> {
            // A function ARN with a version or alias (":$LATEST", ":prod") names the function; its steps act
            // on the function itself, named by the unqualified ARN.
            derived.putIfAbsent(function.unqualified(), "the function of " + value);
            // EmitCreatorCompromised before run time: whoever created the function, read from provenance or
            // CloudTrail when the step runs.
            derived.putIfAbsent("creator of " + function.name(), "the creator of " + value);
        });
        String[] arn = value.split(":", 6);
        if (arn.length == 6 && arn[0].equals("arn")) {
            String resource = arn[5];
            String last = resource.substring(resource.lastIndexOf('/') + 1);
            // The last part of an IAM role or user ARN: arn:PARTITION:iam::ACCOUNT:role/PATH/NAME.
            if (arn[2].equals("iam") && (resource.startsWith("role/") || resource.startsWith("user/"))) {
                derived.putIfAbsent(resource.substring(0, 5) + last, "the " + resource.substring(0, 4) + " of "
                        + value);
            }
            // A role session (arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION) names its role.
            Principal.roleOfSession(value).ifPresent(role -> derived.putIfAbsent("role/" + role,
                    "the role of session " + value));
        }
    }

    // The provenance a CloudTrail record gives a function named without its ARN (requestParameters.functionName):
    // arn:aws:lambda:REGION:ACCOUNT:function:NAME, each part a value of the record.
    private Optional<String> provenance(String target) {
        for (String region : values) {
            // The partition is the caller's (from its ARN in the record), else the region's.
            String partition = target.startsWith("arn:") ? target.split(":", 3)[1] : "";
            boolean named = values.stream().anyMatch(v -> v.startsWith("arn:" + partition + ":"))
                    || partition.equals(dev.tourniquet.internal.Partitions.ofRegion(region));
            String afterRegion = "arn:" + partition + ":lambda:" + region + ":";
            if (!named || !target.startsWith(afterRegion)) {
                continue;
            }
            for (String account : values) {
                String beforeName = afterRegion + account + ":function:";
                if (target.startsWith(beforeName) && values.contains(target.substring(beforeName.length()))) {
                    return Optional.of("the function named " + target.substring(beforeName.length()) + " in "
                            + region + " of " + account);
                }
            }
        }
        return Optional.empty();
    }
}

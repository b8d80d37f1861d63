package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.Optional;
import java.util.Set;

/**
 * The calls that change a resource of the kinds Tourniquet is made of, and the exact ARN of the resource each
 * names (from a name, an ARN, a queue URL or a subscription), so that it can be compared with Tourniquet's own by
 * exact identity. Which calls: those the tampering rules of {@code template.yaml} deliver.
 */
final class OwnResourceCalls {
    static final Set<String> FUNCTION_CONCURRENCY = Set.of("PutFunctionConcurrency20171031",
            "DeleteFunctionConcurrency20171031");
    static final Set<String> FUNCTION_CHANGES = Set.of("DeleteFunction20150331", "UpdateFunctionCode20150331v2",
            "UpdateFunctionConfiguration20150331v2", "RemovePermission20150331v2", "AddPermission20150331v2",
            "CreateAlias20150331", "UpdateAlias20150331", "DeleteAlias20150331");
    static final Set<String> RULE_CHANGES = Set.of("DeleteRule", "RemoveTargets", "PutRule", "PutTargets");
    static final Set<String> BUS_CHANGES = Set.of("DeleteEventBus", "PutPermission", "RemovePermission");
    static final Set<String> STACK_CHANGES = Set.of("DeleteStack", "UpdateStack", "CreateChangeSet",
            "ExecuteChangeSet", "UpdateTerminationProtection", "SetStackPolicy");

    /** What a call did to a resource and that resource's exact ARN (the stack's name or id as given). */
    record Change(Weakening weakening, String resource) {}

    private OwnResourceCalls() {}

    /**
     * The change a call makes, if it is one of the watched calls and names a resource.
     *
     * @param home the partition, region and account of the call ({@code arn:P:SERVICE:R:A:} is built from them)
     */
    static Optional<Change> of(String eventSource, String eventName, JsonNode request, Home home) {
        return switch (eventSource) {
            case "lambda.amazonaws.com" -> function(eventName, request, home);
            case "events.amazonaws.com" -> events(eventName, request, home);
            case "iam.amazonaws.com" -> iam(request, home);
            case "s3.amazonaws.com" -> text(request, "bucketName").map(b -> own("arn:" + home.partition() + ":s3:::" + b));
            case "dynamodb.amazonaws.com" -> text(request, "tableName")
                    .map(t -> t.startsWith("arn:") ? t : home.arn("dynamodb", "table/" + t)).map(OwnResourceCalls::own);
            case "sns.amazonaws.com" -> text(request, "topicArn")
                    .or(() -> text(request, "subscriptionArn").map(s -> s.substring(0, Math.max(0, s.lastIndexOf(':')))))
                    .map(OwnResourceCalls::own);
            case "sqs.amazonaws.com" -> text(request, "queueUrl").flatMap(url -> queueArn(url, home)).map(OwnResourceCalls::own);
            case "cloudformation.amazonaws.com" -> stack(eventName, request);
            default -> Optional.empty();
        };
    }

    private static Optional<Change> function(String eventName, JsonNode request, Home home) {
        Optional<String> arn = text(request, "functionName").map(name -> FunctionArn.parse(name)
                .map(FunctionArn::unqualified).orElseGet(() -> home.arn("lambda", "function:" + lastPart(name))));
        if (FUNCTION_CONCURRENCY.contains(eventName)) {
            return arn.map(a -> new Change(Weakening.OWN_FUNCTION_CONCURRENCY, a));
        }
        return FUNCTION_CHANGES.contains(eventName) ? arn.map(a -> new Change(Weakening.OWN_FUNCTION_CHANGED, a))
                : Optional.empty();
    }

    private static Optional<Change> events(String eventName, JsonNode request, Home home) {
        String bus = text(request, "eventBusName").map(OwnResourceCalls::lastPart).orElse("default");
        if (BUS_CHANGES.contains(eventName)) {
            String name = "DeleteEventBus".equals(eventName) ? text(request, "name").orElse(bus) : bus;
            return Optional.of(own(home.arn("events", "event-bus/" + name)));
        }
        Optional<String> rule = text(request, "name").or(() -> text(request, "rule")).map(OwnResourceCalls::lastPart);
        Optional<String> arn = rule.map(r -> home.arn("events", "rule/" + ("default".equals(bus) ? "" : bus + "/") + r));
        if ("DisableRule".equals(eventName)) {
            return arn.map(a -> new Change(Weakening.OWN_RULE_DISABLED, a));
        }
        if ("RemoveTargets".equals(eventName) || "PutTargets".equals(eventName)) {
            return arn.map(a -> new Change(Weakening.OWN_RULE_RETARGETED, a));
        }
        return RULE_CHANGES.contains(eventName) ? arn.map(a -> new Change(Weakening.OWN_RULE_CHANGED, a))
                : Optional.empty();
    }

    // A role by name (Tourniquet's roles are known by exact name in this account), a managed policy by ARN.
    private static Optional<Change> iam(JsonNode request, Home home) {
        return text(request, "roleName").map(role -> "arn:" + home.partition() + ":iam::" + home.accountId()
                + ":role/" + role).or(() -> text(request, "policyArn")).map(OwnResourceCalls::own);
    }

    private static Optional<Change> stack(String eventName, JsonNode request) {
        if (!STACK_CHANGES.contains(eventName)) {
            return Optional.empty();
        }
        Weakening weakening = "UpdateTerminationProtection".equals(eventName) ? Weakening.OWN_STACK_UNPROTECTED
                : Weakening.OWN_STACK_CHANGED;
        return text(request, "stackName").map(stack -> new Change(weakening, stack));
    }

    // https://sqs.REGION.amazonaws.com/ACCOUNT/NAME (or the legacy queue.amazonaws.com host) → arn:P:sqs:R:A:NAME.
    private static Optional<String> queueArn(String url, Home home) {
        String[] parts = url.replaceFirst("^https?://", "").split("/");
        return parts.length >= 3 ? Optional.of("arn:" + home.partition() + ":sqs:" + home.region() + ":" + parts[1]
                + ":" + parts[2]) : Optional.empty();
    }

    private static Change own(String arn) {
        return new Change(Weakening.OWN_RESOURCE_CHANGED, arn);
    }

    private static String lastPart(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf(nameOrArn.startsWith("arn:") ? '/' : ':') + 1);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Json.text(node, "/" + field);
    }

    /** Where a call was made: partition, region and account. */
    record Home(String partition, String region, String accountId) {
        String arn(String service, String resource) {
            return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
        }
    }
}

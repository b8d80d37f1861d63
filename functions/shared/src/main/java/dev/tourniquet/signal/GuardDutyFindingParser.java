package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a GuardDuty finding as EventBridge delivers it (camelCase {@code detail}, not the SDK's
 * GetFindings shape) into the signal for its resource: an access key, a Lambda function or an instance; an attack
 * sequence into the signals of each credential and compromised resource it names ({@link AttackSequenceReader}).
 *
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html">GuardDuty
 *     findings in EventBridge</a>
 */
final class GuardDutyFindingParser {
    private final AttackSequenceReader sequences = new AttackSequenceReader();

    public ParseResult parse(Envelope envelope) {
        JsonNode detail = envelope.detail();
        Optional<String> findingId = Json.text(detail, "/id");
        Optional<String> type = Json.text(detail, "/type");
        Optional<String> resourceType = Json.text(detail, "/resource/resourceType");
        if (findingId.isEmpty() || type.isEmpty() || resourceType.isEmpty()) {
            return new ParseResult.Rejected("the GuardDuty finding has no id, type or resource.resourceType");
        }
        Origin origin = new Origin(envelope.id(), envelope.source(), envelope.detailType(), findingId, type,
                detail.path("severity").asDouble(0),
                Json.text(detail, "/updatedAt").orElse(envelope.time().toString()),
                Json.text(detail, "/accountId").orElse(envelope.account()),
                Json.text(detail, "/region").orElse(envelope.region()),
                envelope.time(),
                isSample(detail),
                envelope.account())
                // The activity's first sighting, not the finding's updatedAt: a finding updated hours later must
                // not open the credential's exposure window after what the key did first.
                .firstSeenAt(Json.text(detail, "/service/eventFirstSeen").flatMap(Envelope::instant));
        // AI Protection findings name the models invoked (or the guardrail that intervened): the alert says which.
        String reason = ModelFindings.reason(detail, Json.text(detail, "/title").orElse(type.get()));
        return switch (resourceType.get()) {
            case "AccessKey" -> credential(origin, detail.path("resource").path("accessKeyDetails"), reason);
            case "Lambda" -> function(origin, detail.path("resource").path("lambdaDetails"), reason);
            case "Instance" -> instance(origin, detail, reason);
            // A whole attack: its credentials and compromised resources, each a signal of its own.
            case "AttackSequence" -> sequences.read(origin, detail);
            // Runtime Monitoring on ECS: a task (Fargate or EC2 launch type) or one of its containers.
            case "ECSCluster", "Container" -> EcsFindingReader.read(origin, detail, reason);
            default -> new ParseResult.Ignored("GuardDuty findings on " + resourceType.get()
                    + " resources are not Tourniquet's to act on");
        };
    }

    // GuardDuty writes additionalInfo.sample as a boolean; older samples carry it as a string.
    private static boolean isSample(JsonNode detail) {
        JsonNode sample = detail.path("service").path("additionalInfo").path("sample");
        return sample.asBoolean(false) || "true".equalsIgnoreCase(sample.asText());
    }

    private static ParseResult credential(Origin origin, JsonNode key, String reason) {
        Optional<String> accessKeyId = Json.text(key, "/accessKeyId");
        Optional<String> userType = Json.text(key, "/userType");
        Optional<String> userName = Json.text(key, "/userName");
        if (userType.isEmpty()) {
            return new ParseResult.Rejected("the AccessKey finding has no accessKeyDetails.userType");
        }
        if ("Root".equals(userType.get())) {
            return signal(new CompromisedRoot(origin, accessKeyId.orElse(""), reason));
        }
        if (accessKeyId.isEmpty()) {
            return new ParseResult.Rejected("the AccessKey finding has no accessKeyDetails.accessKeyId");
        }
        return switch (userType.get()) {
            case "IAMUser" -> signal(new CompromisedAccessKey(origin, accessKeyId.get(),
                    new Principal(Principal.PrincipalType.IAM_USER, userName,
                            userName.map(n -> origin.iamArn("user/" + n)), java.util.Map.of()),
                    reason));
            case "AssumedRole" -> userName.<ParseResult>map(role -> signal(new CompromisedRoleSession(origin,
                            accessKeyId.get(), new Principal(Principal.PrincipalType.ASSUMED_ROLE, Optional.of(role),
                                    Optional.of(origin.iamArn("role/" + role)), java.util.Map.of()),
                            reason, Json.text(key, "/principalId").flatMap(CompromisedRoleSession::sessionOf))))
                    .orElseGet(() -> new ParseResult.Rejected("the AssumedRole finding names no role (userName)"));
            default -> new ParseResult.Ignored("credentials of type " + userType.get()
                    + " are not contained automatically: review the finding");
        };
    }

    private static ParseResult function(Origin origin, JsonNode lambda, String reason) {
        Optional<String> arn = Json.text(lambda, "/functionArn");
        if (arn.isEmpty()) {
            return new ParseResult.Rejected("the Lambda finding has no lambdaDetails.functionArn");
        }
        Optional<FunctionArn> parsed = FunctionArn.parse(arn.get());
        if (parsed.isEmpty()) {
            return new ParseResult.Rejected("lambdaDetails.functionArn is not a Lambda function ARN: " + arn.get());
        }
        FunctionArn function = parsed.get();
        // A role that is no role ARN names no role whose sessions could be revoked: the function is still
        // quarantined, and its role is read from Lambda before planning.
        return signal(new CompromisedFunction(origin, function.unqualified(), function.name(), function.region(),
                Json.text(lambda, "/role").filter(role -> Principal.roleOfArn(role).isPresent()), reason));
    }

    private static ParseResult instance(Origin origin, JsonNode detail, String reason) {
        JsonNode instance = detail.path("resource").path("instanceDetails");
        Optional<String> instanceId = Json.text(instance, "/instanceId");
        if (instanceId.isEmpty()) {
            return new ParseResult.Rejected("the Instance finding has no instanceDetails.instanceId");
        }
        List<String> interfaces = new ArrayList<>();
        Optional<String> vpcId = Optional.empty();
        for (JsonNode eni : instance.path("networkInterfaces")) {
            Json.text(eni, "/networkInterfaceId").ifPresent(interfaces::add);
            if (vpcId.isEmpty()) {
                vpcId = Json.text(eni, "/vpcId");
            }
        }
        String type = origin.findingType().orElse("");
        boolean victim = "TARGET".equalsIgnoreCase(Json.text(detail, "/service/resourceRole").orElse(""));
        return signal(new CompromisedInstance(origin, instanceId.get(), origin.region(), vpcId, interfaces, victim,
                InstanceFindingFamilies.isMining(type), reason, factsOf(instance)));
    }

    // What the finding says of the instance; the instance function reads it again from EC2 before planning.
    private static InstanceFacts factsOf(JsonNode instance) {
        Map<String, String> tags = new HashMap<>();
        for (JsonNode tag : instance.path("tags")) {
            Json.text(tag, "/key").ifPresent(key -> tags.put(key, tag.path("value").asText("")));
        }
        return new InstanceFacts(tags, Json.text(instance, "/iamInstanceProfile/arn"), Optional.empty(),
                Optional.empty());
    }

    private static ParseResult signal(Signal signal) {
        return new ParseResult.Signals(List.of(signal));
    }
}

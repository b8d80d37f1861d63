package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The principal an event names as acting, read leniently from whatever the event holds (it may be the event
 * that was rejected): a CloudTrail caller ({@code detail.userIdentity.arn}), a GuardDuty finding's access key
 * and user ({@code detail.resource.accessKeyDetails}), a chain event's {@code detail.principalArn}, an exposed
 * key of a Health event. An alert about an event Tourniquet could not act on names who was involved.
 */
public final class Involved {
    private Involved() {}

    /** A short description of the principals an event names, if it names any. */
    public static Optional<String> principal(JsonNode event) {
        JsonNode detail = event.path("detail");
        List<String> named = new ArrayList<>();
        Json.text(detail, "/userIdentity/arn").ifPresent(named::add);
        Json.text(detail, "/userIdentity/accessKeyId").map(key -> "key " + key).ifPresent(named::add);
        JsonNode key = detail.path("resource").path("accessKeyDetails");
        Json.text(key, "/userName").map(user -> Json.text(key, "/userType").orElse("user") + " " + user)
                .ifPresent(named::add);
        Json.text(key, "/accessKeyId").map(id -> "key " + id).ifPresent(named::add);
        Json.text(detail, "/principalArn").ifPresent(named::add);
        Json.text(detail, "/accessKeyId").map(id -> "key " + id).ifPresent(named::add);
        for (JsonNode entity : detail.path("affectedEntities")) {
            Json.text(entity, "/entityValue").map(value -> "exposed key " + value).ifPresent(named::add);
        }
        return named.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", named.stream().distinct().toList()));
    }

    /** The principal a signal names itself (a credential's user or role and key), if it names one. */
    public static Optional<String> principal(Signal signal) {
        return switch (signal) {
            case CompromisedAccessKey key -> Optional.of(key.principal().arn().or(key.principal()::name)
                    .map(p -> p + ", ").orElse("") + "key " + key.accessKeyId());
            case CompromisedRoleSession session -> Optional.of(session.principal().arn()
                    .or(session.principal()::name).map(p -> p + ", ").orElse("") + "session key " + session.accessKeyId());
            case CompromisedFunction function -> function.facts().flatMap(FunctionFacts::creator)
                    .map(c -> c.principalArn() + c.accessKeyId().map(k -> " (key " + k + ")").orElse(""));
            case CompromisedInstance instance -> instance.facts().launchedBy()
                    .map(c -> c.principalArn() + c.accessKeyId().map(k -> " (key " + k + ")").orElse(""));
            case CompromisedWorkload workload -> workload.creator()
                    .map(c -> c.principalArn() + c.accessKeyId().map(k -> " (key " + k + ")").orElse(""));
            case CompromisedRoot root -> Optional.of("root");
            case Tampering tampering -> Optional.of(tampering.caller().describe());
            case SharedResource shared -> Optional.of(shared.share().principalArn()
                    + shared.share().accessKeyId().map(k -> " (key " + k + ")").orElse(""));
            case ContainmentUndone undone -> Optional.of(undone.caller().principalArn()
                    + undone.caller().accessKeyId().map(k -> " (key " + k + ")").orElse(""));
            case IamPersistence made -> Optional.of(made.record().principalArn()
                    + made.record().accessKeyId().map(k -> " (key " + k + ")").orElse(""));
            case RegionEnabled enabled -> Optional.of(enabled.caller().principalArn()
                    + enabled.caller().accessKeyId().map(k -> " (key " + k + ")").orElse(""));
        };
    }
}

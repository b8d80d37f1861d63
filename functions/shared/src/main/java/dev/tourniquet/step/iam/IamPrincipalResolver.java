package dev.tourniquet.step.iam;

import dev.tourniquet.internal.ResourceGoneException;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.CompromisedRoleSession;
import dev.tourniquet.signal.Principal;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.cloudtrail.ExemptTagWriters;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Reads from IAM what an event does not say about a credential: the user owning an exposed key
 * ({@code iam:GetAccessKeyLastUsed}), and the exact ARN (with path) and tags of the user or role
 * ({@code iam:GetUser}, {@code iam:GetRole}) that exemptions are decided on, and, only when it carries the
 * exempt tag, who wrote that tag ({@link ExemptTagWriters}: {@code dynamodb:Query}, {@code cloudtrail:LookupEvents}).
 */
public final class IamPrincipalResolver implements SignalEnricher {
    public static final List<String> PERMISSIONS = List.of("iam:GetAccessKeyLastUsed", "iam:GetUser", "iam:GetRole",
            "dynamodb:Query", "cloudtrail:LookupEvents");

    private final IamClient iam;
    private final ExemptTagWriters tagWriters;

    public IamPrincipalResolver(IamClient iam, ExemptTagWriters tagWriters) {
        this.iam = iam;
        this.tagWriters = tagWriters;
    }

    @Override
    public Signal enrich(Signal signal) {
        return switch (signal) {
            case CompromisedAccessKey key -> key.withPrincipal(user(key));
            case CompromisedRoleSession session -> session.withPrincipal(role(session.principal()));
            default -> signal;
        };
    }

    private Principal user(CompromisedAccessKey key) {
        String name = key.principal().name().orElseGet(() -> owner(key.accessKeyId()));
        User user = iam.getUser(r -> r.userName(name)).user();
        Map<String, String> tags = tags(user.tags());
        return key.principal().resolved(user.userName(), user.arn(), tags)
                .withExemptTagWriter(tagWriters.ofUser(tags, user.userName()));
    }

    // Without a user name GetUser would describe the caller itself: an unknown owner must stop here.
    private String owner(String accessKeyId) {
        String name = iam.getAccessKeyLastUsed(r -> r.accessKeyId(accessKeyId)).userName();
        if (name == null || name.isBlank()) {
            throw new ResourceGoneException("IAM knows no user owning access key " + accessKeyId);
        }
        return name;
    }

    private Principal role(Principal principal) {
        Role role = iam.getRole(r -> r.roleName(principal.name().orElseThrow())).role();
        Map<String, String> tags = tags(role.tags());
        return principal.resolved(role.roleName(), role.arn(), tags)
                .withExemptTagWriter(tagWriters.ofRole(tags, role.roleName()));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }
}

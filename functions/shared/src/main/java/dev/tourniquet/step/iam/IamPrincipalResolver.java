package dev.tourniquet.step.iam;

import dev.tourniquet.internal.ResourceGoneException;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.CompromisedRoleSession;
import dev.tourniquet.signal.Principal;
import dev.tourniquet.signal.Signal;
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
 * ({@code iam:GetUser}, {@code iam:GetRole}) that exemptions are decided on.
 */
public final class IamPrincipalResolver implements SignalEnricher {
    public static final List<String> PERMISSIONS = List.of("iam:GetAccessKeyLastUsed", "iam:GetUser", "iam:GetRole");

    private final IamClient iam;

    public IamPrincipalResolver(IamClient iam) {
        this.iam = iam;
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
        return key.principal().resolved(user.userName(), user.arn(), tags(user.tags()));
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
        return principal.resolved(role.roleName(), role.arn(), tags(role.tags()));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }
}

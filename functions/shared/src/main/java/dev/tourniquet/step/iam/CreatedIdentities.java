package dev.tourniquet.step.iam;

import dev.tourniquet.internal.AwsClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/**
 * The IAM users and roles created, and the access keys minted on any user, between two times, as IAM itself reports
 * them ({@code CreateDate}) — without waiting for CloudTrail, whose records of IAM arrive minutes later. Service-linked
 * roles (path {@value #SERVICE_LINKED_PATH}) are AWS's, created for the owner, and never listed. Nothing else is
 * judged here: who must never be held (Tourniquet's own roles, exempt principals, the contained key's own user) is the
 * caller's decision.
 *
 * <p>Paced at {@value #REQUESTS_PER_SECOND} calls/s (IAM's read quota is per account and shared with the owner's
 * tools): one {@code ListUsers} and one {@code ListRoles} per page, one {@code ListAccessKeys} per user.
 *
 * <p>IAM actions: {@link #PERMISSIONS}.
 */
public final class CreatedIdentities {
    public static final List<String> PERMISSIONS = List.of("iam:ListUsers", "iam:ListRoles", "iam:ListAccessKeys");
    static final String SERVICE_LINKED_PATH = "/aws-service-role/";
    static final double REQUESTS_PER_SECOND = 10;

    private final IamClient iam;

    public CreatedIdentities(IamClient iam) {
        this.iam = iam;
    }

    /** On a paced IAM client of its own (the unpaced one stays for containment calls, which must not queue). */
    public static CreatedIdentities of(AwsClients clients) {
        return new CreatedIdentities(clients.client("iam", Region.AWS_GLOBAL.id(), IamClient::builder,
                List.of(clients.pacer("iam-list", REQUESTS_PER_SECOND))));
    }

    /**
     * An identity IAM reports created.
     *
     * @param resourceId {@code user/NAME}, {@code role/NAME} or {@code key/AKIA…}, as provenance names it
     * @param arn        the user's or role's ARN; for a key, its user's
     * @param userName   for a key, the user it was minted on
     * @param createdAt  its {@code CreateDate}
     */
    public record Created(String resourceId, String arn, Optional<String> userName, Instant createdAt) {
        public boolean isUser() {
            return resourceId.startsWith("user/");
        }

        public boolean isRole() {
            return resourceId.startsWith("role/");
        }

        public boolean isKey() {
            return resourceId.startsWith("key/");
        }

        /** The user's or role's name, or the key's id. */
        public String name() {
            return resourceId.substring(resourceId.indexOf('/') + 1);
        }
    }

    /** What was created at or after {@code from} and not after {@code to}: users, then roles, then keys. */
    public List<Created> between(Instant from, Instant to) {
        List<Created> users = new ArrayList<>();
        List<Created> keys = new ArrayList<>();
        for (User user : iam.listUsersPaginator(r -> r.maxItems(1000)).users()) {
            if (inside(user.createDate(), from, to)) {
                users.add(new Created("user/" + user.userName(), user.arn(), Optional.empty(), user.createDate()));
            }
            // A key is never older than its user: a user created before the window may hold a new key, not the reverse.
            if (!user.createDate().isAfter(to)) {
                for (AccessKeyMetadata key : iam.listAccessKeysPaginator(r -> r.userName(user.userName()))
                        .accessKeyMetadata()) {
                    if (inside(key.createDate(), from, to)) {
                        keys.add(new Created("key/" + key.accessKeyId(), user.arn(), Optional.of(user.userName()),
                                key.createDate()));
                    }
                }
            }
        }
        List<Created> found = new ArrayList<>(users);
        for (Role role : iam.listRolesPaginator(r -> r.maxItems(1000)).roles()) {
            if (!SERVICE_LINKED_PATH.equals(role.path()) && !role.path().startsWith(SERVICE_LINKED_PATH)
                    && inside(role.createDate(), from, to)) {
                found.add(new Created("role/" + role.roleName(), role.arn(), Optional.empty(), role.createDate()));
            }
        }
        found.addAll(keys);
        return found;
    }

    private static boolean inside(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && !at.isAfter(to);
    }
}

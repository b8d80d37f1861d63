package dev.tourniquet.signal;

import java.util.Map;
import java.util.Optional;

/**
 * The IAM identity behind a credential, as far as it is known.
 *
 * <p>Parsers fill what the event says; the credential function completes the rest from IAM
 * ({@code GetAccessKeyLastUsed}, {@code GetUser}, {@code GetRole}) before planning.
 *
 * @param type  IAM user, assumed role or root
 * @param name  the user or role name; empty when the event does not say (an exposed-key Health event)
 * @param arn   the user's or role's ARN (with its path once read from IAM); empty when not known
 * @param tags  the principal's tags once read from IAM; empty before
 * @param exemptTagWriter who wrote its exempt tag, once read (only when it carries one)
 */
public record Principal(PrincipalType type, Optional<String> name, Optional<String> arn, Map<String, String> tags,
                        TagWriter exemptTagWriter) {

    public Principal {
        tags = Map.copyOf(tags);
    }

    /** A principal as an event names it (its exempt tag's writer not read). */
    public Principal(PrincipalType type, Optional<String> name, Optional<String> arn, Map<String, String> tags) {
        this(type, name, arn, tags, TagWriter.NOT_READ);
    }

    public Principal withExemptTagWriter(TagWriter writer) {
        return new Principal(type, name, arn, tags, writer);
    }

    public static Principal unresolved(PrincipalType type) {
        return new Principal(type, Optional.empty(), Optional.empty(), Map.of());
    }

    public Principal resolved(String resolvedName, String resolvedArn, Map<String, String> resolvedTags) {
        return new Principal(type, Optional.of(resolvedName), Optional.of(resolvedArn), resolvedTags);
    }

    /** Whether IAM has been read for this principal (its ARN is then exact, path included). */
    public boolean isResolved() {
        return arn.isPresent() && name.isPresent();
    }

    /** {@code arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION} → ROLE; empty for any other ARN. */
    public static Optional<String> roleOfSession(String sessionArn) {
        String[] parts = sessionArn.split(":", 6);
        if (parts.length < 6 || !parts[5].startsWith("assumed-role/")) {
            return Optional.empty();
        }
        String[] path = parts[5].split("/");
        return path.length >= 2 && !path[1].isEmpty() ? Optional.of(path[1]) : Optional.empty();
    }

    /** {@code arn:PARTITION:iam::ACCOUNT:user/PATH/NAME} → NAME; empty for any other ARN (a role's, a session's). */
    public static Optional<String> userOfArn(String arn) {
        return iamName(arn, "user/");
    }

    /** {@code arn:PARTITION:iam::ACCOUNT:role/PATH/NAME} → NAME; empty for any other ARN (a user's, a session's). */
    public static Optional<String> roleOfArn(String arn) {
        return iamName(arn, "role/");
    }

    // The last part of an IAM ARN whose resource starts with kind ("user/", "role/").
    private static Optional<String> iamName(String arn, String kind) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !"arn".equals(parts[0]) || !"iam".equals(parts[2]) || !parts[5].startsWith(kind)) {
            return Optional.empty();
        }
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    public enum PrincipalType { IAM_USER, ASSUMED_ROLE, ROOT }
}

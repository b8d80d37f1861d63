package dev.tourniquet.step.iam;

import java.util.Optional;

/**
 * A user or a role, as provenance names them ({@code user/NAME}, {@code role/NAME}): what the steps that take back a
 * permission act on.
 */
public record IamPrincipalName(boolean role, String name) {

    /** {@code user/NAME} or {@code role/NAME}; empty for anything else. */
    public static Optional<IamPrincipalName> parse(String id) {
        if (id.startsWith("user/") && id.length() > 5) {
            return Optional.of(new IamPrincipalName(false, id.substring(5)));
        }
        if (id.startsWith("role/") && id.length() > 5) {
            return Optional.of(new IamPrincipalName(true, id.substring(5)));
        }
        return Optional.empty();
    }

    /** {@code user} or {@code role}. */
    public String type() {
        return role ? "role" : "user";
    }

    @Override
    public String toString() {
        return type() + "/" + name;
    }
}

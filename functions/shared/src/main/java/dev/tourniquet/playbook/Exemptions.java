package dev.tourniquet.playbook;

import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who and what Tourniquet never acts on: principals matching an exempt ARN pattern, anything carrying
 * the exempt tag key, and Tourniquet's own roles and functions.
 */
public final class Exemptions {
    private final List<Pattern> principalPatterns;
    private final String tagKey;
    private final String ownNamePrefix;
    private final String ownRolePath;

    public Exemptions(Configuration configuration) {
        this.principalPatterns = configuration.exemptPrincipalArns().stream().map(Exemptions::glob).toList();
        this.tagKey = configuration.exemptTagKey();
        this.ownNamePrefix = configuration.ownNamePrefix();
        this.ownRolePath = configuration.ownRolePath();
    }

    /** The reason an ARN is exempt, if it is. */
    public Optional<String> forArn(String arn) {
        return principalPatterns.stream().filter(p -> p.matcher(arn).matches()).findFirst()
                .map(p -> arn + " matches an exempt principal pattern");
    }

    public Optional<String> forTags(Map<String, String> tags) {
        return tags.containsKey(tagKey) ? Optional.of("tagged " + tagKey) : Optional.empty();
    }

    /**
     * Whether a role ARN ({@code arn:aws:iam::ACCOUNT:role/PATH/NAME}) is one of Tourniquet's own: under its
     * role path, or named with its prefix.
     */
    public boolean isOwnRole(String roleArn) {
        int start = roleArn.indexOf(":role/");
        if (start < 0) {
            return false;
        }
        String pathAndName = roleArn.substring(start + ":role".length());
        String name = pathAndName.substring(pathAndName.lastIndexOf('/') + 1);
        return pathAndName.startsWith(ownRolePath) || name.startsWith(ownNamePrefix);
    }

    /**
     * Why a caller, as CloudTrail records it (a user, a role, or an assumed-role session judged as its role),
     * must not be contained automatically, if it must not: one of Tourniquet's own roles, or exempt by ARN.
     */
    public Optional<String> forCaller(String principalArn) {
        Optional<String> role = roleOfSession(principalArn);
        if (isOwnRole(principalArn) || role.filter(this::isOwnRole).isPresent()) {
            return Optional.of(principalArn + " is one of Tourniquet's own roles");
        }
        return forArn(principalArn).or(() -> role.flatMap(this::forArn));
    }

    /** Whether a caller (a role, or an assumed-role session judged as its role) is one of Tourniquet's own roles. */
    public boolean isOwnCaller(String principalArn) {
        return isOwnRole(principalArn) || roleOfSession(principalArn).filter(this::isOwnRole).isPresent();
    }

    /** {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} → {@code arn:aws:iam::ACCOUNT:role/ROLE}. */
    static Optional<String> roleOfSession(String principalArn) {
        String[] parts = principalArn.split(":", 6);
        return Principal.roleOfSession(principalArn)
                .map(role -> "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + role);
    }

    public boolean isOwnFunctionName(String functionName) {
        return functionName.startsWith(ownNamePrefix);
    }

    // "*" matches any run of characters; everything else is literal.
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}

package dev.tourniquet.playbook;

import dev.tourniquet.internal.ArnPatterns;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.signal.Principal;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who and what Tourniquet never acts on: principals matching an exempt ARN pattern
 * ({@code ExemptPrincipalArns}), a resource whose exempt tag was written before the incident by none of its
 * principals ({@link ExemptTag}), and Tourniquet's own roles and functions, known by exact identity only
 * ({@link OwnStack}: never by a name prefix or role path an attacker can copy).
 */
public final class Exemptions {
    private final List<Pattern> principalPatterns;
    private final ExemptTag exemptTag;
    private final OwnStack own;

    public Exemptions(Configuration configuration) {
        this.principalPatterns = configuration.exemptPrincipalArns().stream().map(ArnPatterns::glob).toList();
        this.exemptTag = new ExemptTag(configuration.exemptTagKey());
        this.own = configuration.ownStack();
    }

    /** The reason an ARN is exempt, if it is. */
    public Optional<String> forArn(String arn) {
        return principalPatterns.stream().filter(p -> p.matcher(arn).matches()).findFirst()
                .map(p -> arn + " matches an exempt principal pattern");
    }

    /**
     * The verdict on a resource's exempt tag for this incident.
     *
     * @param created the record of the resource's creation or latest change, when known
     */
    ExemptTag.Verdict forTags(String resource, Map<String, String> tags, TagWriter writer,
                              IncidentPrincipals incident, Optional<Provenance> created) {
        return exemptTag.judge(resource, tags, writer, incident, created);
    }

    /** Whether a role or one of its sessions is one of this stack's roles (exact ARN, this account). */
    public boolean isOwnRole(String roleOrSessionArn) {
        return own.isOwnRole(roleOrSessionArn);
    }

    /** Whether a function is one of this stack's: its exact ARN, or CloudFormation's tag of this stack's id. */
    public boolean isOwnFunction(String functionArn, Map<String, String> tags) {
        return own.isOwnFunction(functionArn, tags);
    }

    /**
     * Why a caller, as CloudTrail records it (a user, a role, or an assumed-role session judged as its role),
     * must not be contained automatically, if it must not: one of Tourniquet's own roles, or exempt by ARN.
     */
    public Optional<String> forCaller(String principalArn) {
        if (own.isOwnRole(principalArn)) {
            return Optional.of(principalArn + " is one of Tourniquet's own roles");
        }
        return forArn(principalArn).or(() -> roleOfSession(principalArn).flatMap(this::forArn));
    }

    /** {@code arn:P:sts::ACCOUNT:assumed-role/ROLE/SESSION} → {@code arn:P:iam::ACCOUNT:role/ROLE}. */
    static Optional<String> roleOfSession(String principalArn) {
        String[] parts = principalArn.split(":", 6);
        return Principal.roleOfSession(principalArn)
                .map(role -> "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + role);
    }

}

package dev.tourniquet.step.iam;

import dev.tourniquet.signal.IamPolicyEventReader;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.signal.TagWrites;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What IAM looked like before an incident changed it, as provenance recorded it: a role's trust before the
 * incident's {@code UpdateAssumeRolePolicy} (the latest earlier {@code UpdateAssumeRolePolicy} or {@code CreateRole}
 * by someone outside the incident), the default version of a policy before the incident's, and whether an identity
 * provider is the incident's. Read by steps when they run ({@code dynamodb:Query}), never by a playbook.
 *
 * @param history    the provenance records
 * @param byIncident whether a record is the incident's (its key, or an identity or key it created)
 */
public record IamChangeHistory(ProvenanceHistory history, Predicate<Provenance> byIncident) {
    /** What reading it needs. */
    public static final List<String> PERMISSIONS = List.of("dynamodb:Query");

    /** The trust document the role had before {@code before}, set by someone outside the incident. */
    public Optional<String> trustBefore(String roleName, Instant before) {
        return trustChanges(roleName).filter(p -> p.time().isBefore(before)).filter(byIncident.negate())
                .max(Comparator.comparing(Provenance::time)).flatMap(IamChangeHistory::trustDocument);
    }

    /** The newest recorded change of the role's trust (its creation included). */
    public Optional<Provenance> latestTrust(String roleName) {
        return trustChanges(roleName).max(Comparator.comparing(Provenance::time));
    }

    /** Whether the incident created this OpenID Connect or SAML provider. */
    public boolean providerOfIncident(String providerArn) {
        return Stream.of("oidc:", "saml:").flatMap(kind -> history.latest(kind + providerArn).stream())
                .anyMatch(byIncident);
    }

    /** Whether the incident created this version of the policy. */
    public boolean versionOfIncident(String policyArn, String versionId) {
        return history.history(IamPolicyEventReader.policyVersion(policyArn, versionId)).stream()
                .anyMatch(p -> "CreatePolicyVersion".equals(p.eventName()) && byIncident.test(p));
    }

    /**
     * The version someone outside the incident last made default before {@code before}, among {@code versions} (the
     * versions the policy still has: IAM keeps at most five).
     */
    public Optional<String> defaultBefore(String policyArn, Collection<String> versions, Instant before) {
        return versions.stream()
                .flatMap(v -> history.history(IamPolicyEventReader.policyVersion(policyArn, v)).stream())
                .filter(p -> p.detail("setAsDefault").filter("true"::equals).isPresent())
                .filter(p -> p.time().isBefore(before)).filter(byIncident.negate())
                .max(Comparator.comparing(Provenance::time)).flatMap(p -> p.detail("versionId"));
    }

    private Stream<Provenance> trustChanges(String roleName) {
        return Stream.concat(history.history(IamPolicyEventReader.trust(TagWrites.role(roleName))).stream(),
                        history.history(TagWrites.role(roleName)).stream()
                                .filter(p -> "CreateRole".equals(p.eventName())))
                .filter(p -> trustDocument(p).isPresent());
    }

    private static Optional<String> trustDocument(Provenance record) {
        return record.detail("policyDocument").or(() -> record.detail("assumeRolePolicyDocument"));
    }
}

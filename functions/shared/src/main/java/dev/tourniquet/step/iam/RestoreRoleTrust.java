package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Takes back what an incident's {@code UpdateAssumeRolePolicy} gave an existing role's trust, so that the role keeps
 * working for its owner and no longer for the attacker:
 * <ul>
 *   <li>while the role still trusts exactly what the incident last set, and the document before it is recorded (the
 *       latest earlier {@code UpdateAssumeRolePolicy} or {@code CreateRole} by someone outside the incident,
 *       {@link IamChangeHistory}), that document is put back;</li>
 *   <li>otherwise only the principals outside the account ({@code *}, other accounts, identity providers the incident
 *       created) are taken out, except those the recorded earlier document already trusted ({@link TrustPolicies}).</li>
 * </ul>
 * When someone outside the incident changed the trust after it, their document stands: nothing is changed.
 *
 * <p>IAM actions: {@code iam:GetRole}, {@code iam:UpdateAssumeRolePolicy}, {@code dynamodb:Query} (the history). Undo:
 * {@code aws iam update-assume-role-policy --role-name ROLE --policy-document 'DOCUMENT'} with the document the
 * incident record keeps ({@code ./tourniquet release} does it).
 */
public final class RestoreRoleTrust implements Step {
    private final IamClient iam;
    private final String roleName;
    private final Instant changedAt;
    private final String incidentDocument;
    private final IamChangeHistory history;

    /**
     * @param changedAt        when the incident's {@code UpdateAssumeRolePolicy} was called
     * @param incidentDocument the document it set
     */
    public RestoreRoleTrust(IamClient iam, String roleName, Instant changedAt, String incidentDocument,
                            IamChangeHistory history) {
        this.iam = iam;
        this.roleName = roleName;
        this.changedAt = changedAt;
        this.incidentDocument = incidentDocument;
        this.history = history;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.RESTORE_ROLE_TRUST;
    }

    @Override
    public String target() {
        return "role/" + roleName;
    }

    @Override
    public String undo() {
        return "aws iam update-assume-role-policy --role-name " + roleName
                + " --policy-document (the document the incident record keeps as prior.document)";
    }

    @Override
    public StepResult run(StepContext context) {
        Role role = iam.getRole(r -> r.roleName(roleName)).role();
        JsonNode current = PolicyDocuments.parse(role.assumeRolePolicyDocument()).orElseThrow(
                () -> new IllegalStateException("role " + roleName + " has a trust policy that is not JSON"));
        ObjectNode prior = Json.object().put("roleName", roleName).put("document", current.toString());
        Optional<String> latestByOwner = history.latestTrust(roleName).filter(p -> p.time().isAfter(changedAt))
                .filter(history.byIncident().negate()).map(p -> p.principalArn());
        if (latestByOwner.isPresent()) {
            return new StepResult.Skipped("the trust of role " + roleName + " was changed since by "
                    + latestByOwner.get() + ", outside the incident: left as they set it");
        }
        Optional<JsonNode> before = history.trustBefore(roleName, changedAt).flatMap(PolicyDocuments::parse);
        JsonNode wanted = before.filter(b -> PolicyDocuments.parse(incidentDocument).filter(current::equals).isPresent())
                .orElseGet(() -> TrustPolicies.withoutOutsiders(current, accountOf(role.arn()),
                        history::providerOfIncident, before.map(TrustPolicies::trusted).orElse(Set.of())));
        java.util.Set<String> removed = new java.util.TreeSet<>(TrustPolicies.trusted(current));
        removed.removeAll(TrustPolicies.trusted(wanted));
        String how = (before.isPresent() && wanted.equals(before.get()) ? "restored to its document before the incident"
                : "without the principals outside the account the incident added") + " (no longer trusted: "
                + String.join(", ", removed) + ")";
        if (wanted.equals(current)) {
            return new StepResult.AlreadyApplied(prior, "the trust of role " + roleName
                    + " holds nothing the incident added");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would set the trust of role " + roleName + " " + how + ": " + wanted);
        }
        context.changing(prior);
        iam.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(wanted.toString()));
        Verification.until("trust of role " + roleName + " " + how, () -> PolicyDocuments
                .parse(iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument())
                .filter(wanted::equals).isPresent());
        return new StepResult.Applied(prior, "trust of role " + roleName + " " + how);
    }

    private static String accountOf(String roleArn) {
        return roleArn.split(":", 6)[4];
    }
}

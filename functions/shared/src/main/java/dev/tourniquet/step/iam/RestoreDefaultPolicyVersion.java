package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * Makes the default version of a managed policy what it was before an incident's {@code CreatePolicyVersion} made its
 * own version the default: the version someone outside the incident last made default before it (recorded
 * {@code SetDefaultPolicyVersion} and {@code CreatePolicyVersion}, {@link IamChangeHistory}), else the newest version
 * created before the incident's that the incident did not create. The incident's version is kept, as evidence (never
 * deleted). Only while the incident's version is still the default: a default someone set since stands.
 *
 * <p>IAM actions: {@code iam:ListPolicyVersions}, {@code iam:SetDefaultPolicyVersion}, {@code dynamodb:Query} (the
 * history). Undo: {@code aws iam set-default-policy-version --policy-arn ARN --version-id VERSION} (the incident's).
 */
public final class RestoreDefaultPolicyVersion implements Step {
    private final IamClient iam;
    private final String policyArn;
    private final String incidentVersion;
    private final Instant createdAt;
    private final IamChangeHistory history;

    /**
     * @param incidentVersion the version the incident created and made default
     * @param createdAt       when it did
     */
    public RestoreDefaultPolicyVersion(IamClient iam, String policyArn, String incidentVersion, Instant createdAt,
                                       IamChangeHistory history) {
        this.iam = iam;
        this.policyArn = policyArn;
        this.incidentVersion = incidentVersion;
        this.createdAt = createdAt;
        this.history = history;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.RESTORE_DEFAULT_POLICY_VERSION;
    }

    @Override
    public String target() {
        return policyArn + "#" + incidentVersion;
    }

    @Override
    public String undo() {
        return "aws iam set-default-policy-version --policy-arn " + policyArn + " --version-id " + incidentVersion;
    }

    @Override
    public StepResult run(StepContext context) {
        List<PolicyVersion> versions = versions();
        Optional<String> current = versions.stream().filter(PolicyVersion::isDefaultVersion)
                .map(PolicyVersion::versionId).findFirst();
        ObjectNode prior = Json.object().put("policyArn", policyArn).put("defaultVersion", current.orElse(""));
        if (versions.stream().noneMatch(v -> v.versionId().equals(incidentVersion))) {
            return new StepResult.Skipped("policy " + policyArn + " has no version " + incidentVersion + " (deleted?)");
        }
        if (!current.filter(incidentVersion::equals).isPresent()) {
            return new StepResult.AlreadyApplied(prior, "the default version of " + policyArn + " is "
                    + current.orElse("(none)") + ", not the incident's " + incidentVersion);
        }
        Optional<String> previous = previousDefault(versions);
        if (previous.isEmpty()) {
            return new StepResult.Skipped("policy " + policyArn + " has no version before the incident's "
                    + incidentVersion + " to make default again: left for a human");
        }
        prior.put("restoredVersion", previous.get());
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would make " + previous.get() + " the default version of "
                    + policyArn + " again (keeping " + incidentVersion + ")");
        }
        context.changing(prior);
        iam.setDefaultPolicyVersion(r -> r.policyArn(policyArn).versionId(previous.get()));
        Verification.until(previous.get() + " the default of " + policyArn, () -> versions().stream()
                .anyMatch(v -> v.isDefaultVersion() && v.versionId().equals(previous.get())));
        return new StepResult.Applied(prior, "made " + previous.get() + " the default version of " + policyArn
                + " again; the incident's " + incidentVersion + " is kept as evidence");
    }

    private Optional<String> previousDefault(List<PolicyVersion> versions) {
        List<String> others = versions.stream().map(PolicyVersion::versionId).filter(v -> !v.equals(incidentVersion))
                .toList();
        Instant incidentCreated = versions.stream().filter(v -> v.versionId().equals(incidentVersion))
                .map(PolicyVersion::createDate).findFirst().orElse(createdAt);
        return history.defaultBefore(policyArn, others, createdAt).filter(others::contains)
                .or(() -> versions.stream().filter(v -> !v.versionId().equals(incidentVersion))
                        .filter(v -> !v.createDate().isAfter(incidentCreated))
                        .filter(v -> !history.versionOfIncident(policyArn, v.versionId()))
                        .max(Comparator.comparing(PolicyVersion::createDate).thenComparing(v -> number(v.versionId())))
                        .map(PolicyVersion::versionId));
    }

    // IAM numbers versions v1, v2 … in the order they were created: the tie-break of two created in the same second.
    private static int number(String versionId) {
        return versionId.matches("v[0-9]+") ? Integer.parseInt(versionId.substring(1)) : 0;
    }

    private List<PolicyVersion> versions() {
        return iam.listPolicyVersionsPaginator(r -> r.policyArn(policyArn)).versions().stream().toList();
    }
}

package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.cli.local.OperationRecorder.PolicyWrite;
import dev.tourniquet.step.iam.PolicyDocuments;
import dev.tourniquet.step.iam.QuarantinePolicies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pins the writes through which a Tourniquet role could grant: IAM has no condition key on an inline policy's
 * name or content, so the template cannot stop {@code iam:PutUserPolicy} or {@code iam:PutRolePolicy} from writing
 * an Allow; this checks, from the calls the code really made ({@link OperationRecorder#policyWrites()}), that each
 * wrote one of Tourniquet's fixed policy names with exactly Tourniquet's own content, and that every attachment
 * attached the stack's quarantine policy and nothing else.
 */
public final class PolicyWrites {
    private final String quarantinePolicyArn;

    /** @param quarantinePolicyArn the one managed policy the functions may attach */
    public PolicyWrites(String quarantinePolicyArn) {
        this.quarantinePolicyArn = quarantinePolicyArn;
    }

    /** Each write that is not one of Tourniquet's own fixed policies, described; empty when all are. */
    public List<String> violations(List<PolicyWrite> writes) {
        List<String> violations = new ArrayList<>();
        for (PolicyWrite write : writes) {
            if (!allowed(write)) {
                violations.add(write.action() + " of " + write.policy() + " on " + write.principal() + ": "
                        + write.document());
            }
        }
        return violations;
    }

    private boolean allowed(PolicyWrite write) {
        return switch (write.action()) {
            case "iam:AttachUserPolicy", "iam:AttachRolePolicy" -> quarantinePolicyArn.equals(write.policy());
            case "iam:PutUserPolicy" -> QuarantinePolicies.USER_POLICY_NAME.equals(write.policy())
                    && same(write.document(), QuarantinePolicies.DENY_ALL)
                    || QuarantinePolicies.CONSOLE_POLICY_NAME.equals(write.policy())
                    && same(write.document(), QuarantinePolicies.DENY_TEMPORARY_CREDENTIALS)
                    // One federated session of a user (RevokeFederatedSession), as one role session is revoked.
                    || write.policy().startsWith(QuarantinePolicies.SESSION_POLICY_PREFIX)
                    && sessionRevocation(write.policy(), write.document());
            case "iam:PutRolePolicy" -> sessionRevocation(write.policy(), write.document());
            default -> false;
        };
    }

    // The session revocation for one session (its name in the policy name) or every session, with any cut-off time.
    private static boolean sessionRevocation(String name, String document) {
        Optional<String> session;
        if (QuarantinePolicies.ROLE_SESSIONS_POLICY_NAME.equals(name)) {
            session = Optional.empty();
        } else if (name.startsWith(QuarantinePolicies.SESSION_POLICY_PREFIX)
                && name.substring(QuarantinePolicies.SESSION_POLICY_PREFIX.length()).matches(QuarantinePolicies.SESSION_NAME)) {
            session = Optional.of(name.substring(QuarantinePolicies.SESSION_POLICY_PREFIX.length()));
        } else {
            return false;
        }
        Optional<Instant> cutoff = parse(document).map(d -> d.at("/Statement/0/Condition/DateLessThan/aws:TokenIssueTime")
                .asText("")).flatMap(PolicyWrites::instant);
        return cutoff.isPresent()
                && same(document, QuarantinePolicies.denySessionsIssuedBefore(cutoff.get(), session));
    }

    private static boolean same(String document, String expected) {
        return parse(document).isPresent() && PolicyDocuments.same(document, expected);
    }

    private static Optional<JsonNode> parse(String document) {
        return PolicyDocuments.parse(document);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;

/** The undo of each IAM step ({@link IamStepKinds}), from its recorded prior state. */
final class IamReversals {
    private IamReversals() {}

    /** Undoes {@code deactivate-access-key}: the key gets back its recorded status. */
    static String reactivateAccessKey(JsonNode prior, String target, AwsClients clients) {
        String user = prior.path("userName").asText();
        String status = prior.path("status").asText("Active");
        clients.iam().updateAccessKey(r -> r.userName(user).accessKeyId(target).status(status));
        return "access key " + target + " of " + user + " set back to " + status;
    }

    /**
     * Undoes {@code attach-quarantine-policy}: detaches the managed policy, or removes the inline fallback (puts
     * back the document it replaced), as the step recorded it ({@code via}). A change whose answer was lost
     * (no {@code via}) is undone both ways, each only where it is there.
     */
    static String removeUserQuarantinePolicy(JsonNode prior, String target, AwsClients clients) {
        String user = prior.path("userName").asText();
        String via = prior.path("via").asText("");
        String arn = prior.path("policyArn").asText("");
        if (AttachUserQuarantinePolicy.MANAGED.equals(via)) {
            clients.iam().detachUserPolicy(r -> r.userName(user).policyArn(arn));
            return "quarantine policy " + arn + " detached from user " + user;
        }
        if (via.isEmpty() && !arn.isEmpty() && attached(clients, user, arn)) {
            clients.iam().detachUserPolicy(r -> r.userName(user).policyArn(arn));
        }
        if (prior.hasNonNull("replacedDocument")) {
            clients.iam().putUserPolicy(r -> r.userName(user).policyName(QuarantinePolicies.USER_POLICY_NAME)
                    .policyDocument(replacedDocument(prior)));
            return "policy " + QuarantinePolicies.USER_POLICY_NAME + " of " + user + " restored to its prior document";
        }
        if (via.isEmpty() && !clients.iam().listUserPolicies(r -> r.userName(user)).policyNames()
                .contains(QuarantinePolicies.USER_POLICY_NAME)) {
            return "quarantine policy removed from user " + user;
        }
        clients.iam().deleteUserPolicy(r -> r.userName(user).policyName(QuarantinePolicies.USER_POLICY_NAME));
        return "quarantine policy removed from user " + user;
    }

    private static boolean attached(AwsClients clients, String user, String arn) {
        return clients.iam().listAttachedUserPolicies(r -> r.userName(user)).attachedPolicies().stream()
                .anyMatch(p -> arn.equals(p.policyArn()));
    }

    /** Undoes {@code revoke-role-sessions}: removes the revocation, or puts back the one it replaced. */
    static String removeSessionRevocation(JsonNode prior, String target, AwsClients clients) {
        String role = prior.path("roleName").asText();
        String policy = prior.path("policyName").asText(QuarantinePolicies.ROLE_SESSIONS_POLICY_NAME);
        if (prior.hasNonNull("replacedDocument")) {
            clients.iam().putRolePolicy(r -> r.roleName(role).policyName(policy)
                    .policyDocument(replacedDocument(prior)));
            return "session revocation on role " + role + " restored to its prior document";
        }
        clients.iam().deleteRolePolicy(r -> r.roleName(role).policyName(policy));
        return "session revocation removed from role " + role;
    }

    /** Undoes {@code deactivate-user-access-keys}: each key that was active is active again. */
    static String reactivateUserAccessKeys(JsonNode prior, String target, AwsClients clients) {
        String user = prior.path("userName").asText();
        java.util.List<String> restored = new java.util.ArrayList<>();
        prior.path("keyStatuses").properties().forEach(key -> {
            if ("Active".equals(key.getValue().asText())) {
                clients.iam().updateAccessKey(r -> r.userName(user).accessKeyId(key.getKey()).status("Active"));
                restored.add(key.getKey());
            }
        });
        return "access keys " + restored + " of " + user + " active again";
    }

    /**
     * Undoes {@code deny-console-sign-in} and {@code revoke-federated-session}: the fixed inline policy removed, or the
     * document it replaced put back.
     */
    static String removeUserInlinePolicy(JsonNode prior, String target, AwsClients clients) {
        String user = prior.path("userName").asText();
        String policy = prior.path("policyName").asText();
        if (prior.hasNonNull("replacedDocument")) {
            clients.iam().putUserPolicy(r -> r.userName(user).policyName(policy)
                    .policyDocument(replacedDocument(prior)));
            return "policy " + policy + " of user " + user + " restored to its prior document";
        }
        try {
            clients.iam().deleteUserPolicy(r -> r.userName(user).policyName(policy));
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException gone) {
            return "policy " + policy + " of user " + user + " was gone already";
        }
        return "policy " + policy + " removed from user " + user;
    }

    /** Undoes {@code deactivate-service-credential}: the credential gets back its recorded status. */
    static String reactivateServiceCredential(JsonNode prior, String target, AwsClients clients) {
        String user = prior.path("userName").asText();
        String status = prior.path("status").asText("Active");
        clients.iam().updateServiceSpecificCredential(r -> r.userName(user).serviceSpecificCredentialId(target)
                .status(status));
        return "service-specific credential " + target + " of " + user + " set back to " + status;
    }

    private static String replacedDocument(JsonNode prior) {
        return PolicyDocuments.parse(prior.path("replacedDocument").asText()).map(Object::toString).orElseThrow();
    }
}

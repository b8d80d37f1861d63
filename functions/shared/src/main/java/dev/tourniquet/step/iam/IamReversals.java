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

    /** Undoes {@code attach-role-quarantine-policy}: detaches the stack's deny-all from the role. */
    static String removeRoleQuarantinePolicy(JsonNode prior, String target, AwsClients clients) {
        String role = prior.path("roleName").asText();
        String arn = prior.path("policyArn").asText();
        clients.iam().detachRolePolicy(r -> r.roleName(role).policyArn(arn));
        return "quarantine policy " + arn + " detached from role " + role;
    }

    /** Undoes {@code restore-role-trust}: the role trusts again what it trusted when the step ran. */
    static String putTrustBack(JsonNode prior, String target, AwsClients clients) {
        String role = prior.path("roleName").asText();
        clients.iam().updateAssumeRolePolicy(r -> r.roleName(role).policyDocument(prior.path("document").asText()));
        return "trust of role " + role + " set back to the document it had before the incident's restoration";
    }

    /** Undoes {@code detach-attached-policy}: the policy attached again, where it was attached. */
    static String attachPolicyBack(JsonNode prior, String target, AwsClients clients) {
        String name = prior.path("name").asText();
        String arn = prior.path("policyArn").asText();
        if (!prior.path("attached").asBoolean(true)) {
            return "policy " + arn + " was not attached to " + name + ": nothing to put back";
        }
        if ("role".equals(prior.path("principalType").asText())) {
            clients.iam().attachRolePolicy(r -> r.roleName(name).policyArn(arn));
        } else {
            clients.iam().attachUserPolicy(r -> r.userName(name).policyArn(arn));
        }
        return "policy " + arn + " attached again to " + prior.path("principalType").asText() + " " + name;
    }

    /** Undoes {@code remove-inline-policy}: the inline policy put back with the document it had. */
    static String putInlinePolicyBack(JsonNode prior, String target, AwsClients clients) {
        String name = prior.path("name").asText();
        String policy = prior.path("policyName").asText();
        String document = prior.path("document").asText();
        if ("role".equals(prior.path("principalType").asText())) {
            clients.iam().putRolePolicy(r -> r.roleName(name).policyName(policy).policyDocument(document));
        } else {
            clients.iam().putUserPolicy(r -> r.userName(name).policyName(policy).policyDocument(document));
        }
        return "inline policy " + policy + " put back on " + prior.path("principalType").asText() + " " + name;
    }

    /** Undoes {@code remove-user-from-group}: the user back in the group. */
    static String addUserToGroupBack(JsonNode prior, String target, AwsClients clients) {
        String user = prior.path("userName").asText();
        String group = prior.path("groupName").asText();
        if (!prior.path("member").asBoolean(true)) {
            return "user " + user + " was not in group " + group + ": nothing to put back";
        }
        clients.iam().addUserToGroup(r -> r.userName(user).groupName(group));
        return "user " + user + " added back to group " + group;
    }

    /** Undoes {@code restore-default-policy-version}: the version that was default when the step ran is again. */
    static String setDefaultVersionBack(JsonNode prior, String target, AwsClients clients) {
        String arn = prior.path("policyArn").asText();
        String version = prior.path("defaultVersion").asText();
        clients.iam().setDefaultPolicyVersion(r -> r.policyArn(arn).versionId(version));
        return "version " + version + " of " + arn + " made the default again";
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

package dev.tourniquet.cli.simulate;

import dev.tourniquet.internal.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Reads a backdoor identity's state in the emulator for the verdict: a user's keys, deny-all policy and
 * console password; a role's deny-all policy, session revocation and trust.
 */
final class IdentityProbe {
    private IdentityProbe() {}

    /** Contained when every key of the user is inactive (or gone) and a deny-all policy is on it. */
    static ContainmentProbe.Containment user(IamClient iam, KeyGate gate, String userName) {
        List<AccessKeyMetadata> keys;
        try {
            keys = iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata();
        } catch (NoSuchEntityException gone) {
            return new ContainmentProbe.Containment(true, "deleted");
        }
        List<String> parts = new ArrayList<>();
        boolean keysInactive = keys.stream().allMatch(k -> k.status() == StatusType.INACTIVE);
        parts.add(keys.isEmpty() ? "no keys" : "keys " + String.join(", ", keys.stream()
                .map(k -> k.accessKeyId() + " " + k.statusAsString().toLowerCase(java.util.Locale.ROOT)).toList()));
        Optional<String> denyAll = gate.denyAll(userName);
        parts.add(denyAll.map(p -> "deny-all " + p).orElse("no deny-all policy"));
        parts.add("console: " + console(iam, userName, denyAll.isPresent()));
        return new ContainmentProbe.Containment(keysInactive && denyAll.isPresent(), String.join("; ", parts));
    }

    /** Contained when a deny-all policy is on the role: whoever assumes it can do nothing. */
    static ContainmentProbe.Containment role(IamClient iam, KeyGate gate, String roleName) {
        String trust;
        try {
            trust = iam.getRole(r -> r.roleName(roleName)).role().assumeRolePolicyDocument();
        } catch (NoSuchEntityException gone) {
            return new ContainmentProbe.Containment(true, "deleted");
        }
        Optional<String> denyAll = gate.roleDenyAll(roleName);
        boolean revoked = iam.listRolePolicies(r -> r.roleName(roleName)).policyNames().stream()
                // IAM returns policy documents URL-encoded.
                .anyMatch(name -> URLDecoder.decode(iam.getRolePolicy(r -> r.roleName(roleName).policyName(name))
                        .policyDocument(), StandardCharsets.UTF_8).contains("aws:TokenIssueTime"));
        String state = denyAll.map(p -> "deny-all " + p).orElse("no deny-all policy")
                + (revoked ? "; sessions revoked" : "") + "; trusts " + trusted(trust);
        return new ContainmentProbe.Containment(denyAll.isPresent(), state);
    }

    private static String console(IamClient iam, String userName, boolean denied) {
        try {
            iam.getLoginProfile(r -> r.userName(userName));
            return denied ? "password kept, every action denied" : "password works";
        } catch (NoSuchEntityException none) {
            return "no password (login profile deleted)";
        }
    }

    // The principals a trust policy names (IAM returns the document URL-encoded).
    static String trusted(String document) {
        try {
            var policy = Json.MAPPER.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
            List<String> principals = new ArrayList<>();
            var statements = policy.path("Statement").isArray() ? policy.path("Statement")
                    : Json.MAPPER.createArrayNode().add(policy.path("Statement"));
            for (var statement : statements) {
                if ("Allow".equals(statement.path("Effect").asText())) {
                    statement.path("Principal").forEach(value -> {
                        if (value.isArray()) {
                            value.forEach(v -> principals.add(v.asText()));
                        } else {
                            principals.add(value.asText());
                        }
                    });
                }
            }
            return principals.isEmpty() ? "nobody" : String.join(", ", principals);
        } catch (java.io.IOException e) {
            return "an unreadable policy";
        }
    }
}

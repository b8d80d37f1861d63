package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Whether a key of the attacker (the leaked one, or its backdoor user's) may still act. The emulator does
 * not enforce IAM (an inactive key still signs calls that succeed), so the simulation enforces it the way AWS
 * would, by reading IAM before every attacker call: an inactive or deleted key, or a user carrying a deny-all
 * policy (inline, or a managed policy attached to it), cannot act.
 */
final class KeyGate {
    private final IamClient iam;

    KeyGate(IamClient iam) {
        this.iam = iam;
    }

    /** Why the key cannot act, or empty when it can. */
    Optional<String> blocked(LeakedKey key) {
        Optional<AccessKeyMetadata> metadata = iam.listAccessKeys(r -> r.userName(key.userName())).accessKeyMetadata()
                .stream().filter(k -> k.accessKeyId().equals(key.accessKeyId())).findFirst();
        if (metadata.isEmpty()) {
            return Optional.of("key " + key.accessKeyId() + " deleted");
        }
        if (metadata.get().status() == StatusType.INACTIVE) {
            return Optional.of("key " + key.accessKeyId() + " inactive");
        }
        return denyAll(key.userName()).map(policy -> "user " + key.userName() + " has the deny-all policy " + policy);
    }

    /** The name of a deny-all policy on the user (inline, or managed and attached), if any. */
    Optional<String> denyAll(String userName) {
        for (String policy : iam.listUserPolicies(r -> r.userName(userName)).policyNames()) {
            String document = iam.getUserPolicy(r -> r.userName(userName).policyName(policy)).policyDocument();
            if (deniesEverything(document)) {
                return Optional.of(policy);
            }
        }
        return iam.listAttachedUserPolicies(r -> r.userName(userName)).attachedPolicies().stream()
                .filter(p -> deniesEverything(managedDocument(p.policyArn()))).map(p -> p.policyName()).findFirst();
    }

    /** The name of a deny-all policy on the role (inline, or managed and attached), if any. */
    Optional<String> roleDenyAll(String roleName) {
        for (String policy : iam.listRolePolicies(r -> r.roleName(roleName)).policyNames()) {
            String document = iam.getRolePolicy(r -> r.roleName(roleName).policyName(policy)).policyDocument();
            if (deniesEverything(document)) {
                return Optional.of(policy);
            }
        }
        return iam.listAttachedRolePolicies(r -> r.roleName(roleName)).attachedPolicies().stream()
                .filter(p -> deniesEverything(managedDocument(p.policyArn()))).map(p -> p.policyName()).findFirst();
    }

    // The default version's document of a managed policy (AWS-managed ones included).
    private String managedDocument(String policyArn) {
        try {
            String version = iam.getPolicy(r -> r.policyArn(policyArn)).policy().defaultVersionId();
            return iam.getPolicyVersion(r -> r.policyArn(policyArn).versionId(version)).policyVersion().document();
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException gone) {
            return "{}";
        }
    }

    static boolean deniesEverything(String document) {
        try {
            JsonNode policy = Json.MAPPER.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
            JsonNode statements = policy.path("Statement").isArray() ? policy.path("Statement")
                    : Json.MAPPER.createArrayNode().add(policy.path("Statement"));
            for (JsonNode statement : statements) {
                if ("Deny".equals(statement.path("Effect").asText()) && hasStar(statement.path("Action"))
                        && hasStar(statement.path("Resource")) && statement.path("Condition").isMissingNode()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasStar(JsonNode node) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                if ("*".equals(item.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "*".equals(node.asText());
    }
}

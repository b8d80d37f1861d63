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
 * Whether the leaked key may still act. The emulator does not enforce IAM (an inactive key still signs
 * calls that succeed), so the simulation enforces it the way AWS would, by reading IAM before every
 * attacker call: an inactive or deleted key, or a user carrying an inline deny-all policy, cannot act.
 */
final class KeyGate {
    private final IamClient iam;
    private final LeakedKey key;

    KeyGate(IamClient iam, LeakedKey key) {
        this.iam = iam;
        this.key = key;
    }

    /** Why the key cannot act, or empty when it can. */
    Optional<String> blocked() {
        Optional<AccessKeyMetadata> metadata = iam.listAccessKeys(r -> r.userName(key.userName())).accessKeyMetadata()
                .stream().filter(k -> k.accessKeyId().equals(key.accessKeyId())).findFirst();
        if (metadata.isEmpty()) {
            return Optional.of("key " + key.accessKeyId() + " deleted");
        }
        if (metadata.get().status() == StatusType.INACTIVE) {
            return Optional.of("key " + key.accessKeyId() + " inactive");
        }
        for (String policy : iam.listUserPolicies(r -> r.userName(key.userName())).policyNames()) {
            String document = iam.getUserPolicy(r -> r.userName(key.userName()).policyName(policy)).policyDocument();
            if (deniesEverything(document)) {
                return Optional.of("user " + key.userName() + " has the deny-all policy " + policy);
            }
        }
        return Optional.empty();
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

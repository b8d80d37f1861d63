package dev.tourniquet.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.LocalAccount;
import java.util.UUID;

/**
 * CloudTrail records of someone undoing Tourniquet's containment, made from the samples in {@code events/} to
 * name a test's resources and author (each a new event: its own envelope and CloudTrail event id).
 */
final class Undo {
    private Undo() {}

    /** The sample with fresh ids, the given region, and {@code requestParameters} to change. */
    static ObjectNode of(String sample, String region) {
        ObjectNode event = Emulator.sample(sample);
        event.put("id", UUID.randomUUID().toString()).put("region", region);
        ((ObjectNode) event.path("detail")).put("eventID", UUID.randomUUID().toString()).put("awsRegion", region);
        return event;
    }

    static ObjectNode request(ObjectNode event) {
        return (ObjectNode) event.path("detail").path("requestParameters");
    }

    /** Signed by the IAM user {@code user} with {@code key}. */
    static ObjectNode byUser(ObjectNode event, String user, String key) {
        ((ObjectNode) event.path("detail")).putObject("userIdentity").put("type", "IAMUser")
                .put("principalId", "AIDA" + user.toUpperCase().replace("-", "")).put("arn", "arn:aws:iam::"
                        + LocalAccount.ACCOUNT_ID + ":user/" + user).put("accountId", LocalAccount.ACCOUNT_ID)
                .put("accessKeyId", key).put("userName", user);
        return event;
    }

    /** Made by an AWS service for the owner (no ARN, no key: {@code invokedBy}). */
    static ObjectNode byAwsService(ObjectNode event, String service) {
        ((ObjectNode) event.path("detail")).putObject("userIdentity").put("type", "AWSService")
                .put("invokedBy", service);
        return event;
    }

    /** A key made active again. */
    static ObjectNode keyReactivated(String user, String key) {
        ObjectNode event = of("cloudtrail-iam-update-access-key-active.json", "us-east-1");
        request(event).put("userName", user).put("accessKeyId", key).put("status", "Active");
        return event;
    }
}

package dev.tourniquet.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * CloudTrail records of tag writes, made from the samples in {@code events/} for the scene at hand: who wrote
 * the exempt tag, with which key, when. Delivered through the template's tag-provenance rule, they are what
 * Tourniquet judges an exempt tag by.
 */
final class TagRecords {
    static final String ADMIN = "arn:aws:iam::123456789012:user/platform-admin";
    static final String ADMIN_KEY = "AKIAPLATFORMADMIN001";

    private TagRecords() {}

    /** {@code TagUser} of the exempt tag on {@code user}, by {@code writer} with {@code key} at {@code time}. */
    static ObjectNode tagUser(String user, String writer, String key, String time) {
        ObjectNode event = written("cloudtrail-iam-tag-user.json", writer, key, time);
        ((ObjectNode) event.path("detail").path("requestParameters")).put("userName", user);
        return event;
    }

    /** {@code CreateTags} of the exempt tag on {@code instanceId} in {@code region}. */
    static ObjectNode createTags(String instanceId, String region, String writer, String key, String time) {
        ObjectNode event = written("cloudtrail-ec2-create-tags.json", writer, key, time);
        event.put("region", region);
        ObjectNode record = (ObjectNode) event.path("detail");
        record.put("awsRegion", region);
        ((ObjectNode) record.path("requestParameters").path("resourcesSet").path("items").get(0))
                .put("resourceId", instanceId);
        return event;
    }

    private static ObjectNode written(String sample, String writer, String key, String time) {
        ObjectNode event = Emulator.sample(sample);
        event.put("id", UUID.randomUUID().toString()).put("time", time);
        ObjectNode record = (ObjectNode) event.path("detail");
        record.put("eventID", UUID.randomUUID().toString()).put("eventTime", time);
        ((ObjectNode) record.path("userIdentity")).put("arn", writer).put("accessKeyId", key)
                .put("userName", writer.substring(writer.lastIndexOf('/') + 1));
        return event;
    }
}

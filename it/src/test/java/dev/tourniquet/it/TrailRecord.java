package dev.tourniquet.it;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CloudTrail record as EventBridge delivers it, made from a sample in {@code events/} for a scene's resources: a new
 * event (its own envelope and CloudTrail event id) in the scene's region, made with the scene's access key; the
 * scene then names its resources in the request and response.
 */
final class TrailRecord {
    private TrailRecord() {}

    /** The sample with fresh ids, in {@code region}, its caller's access key {@code accessKeyId}. */
    static ObjectNode of(String sample, String region, String accessKeyId) {
        ObjectNode event = Undo.of(sample, region);
        ((ObjectNode) event.path("detail").path("userIdentity")).put("accessKeyId", accessKeyId);
        return event;
    }
}

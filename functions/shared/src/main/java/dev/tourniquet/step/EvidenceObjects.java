package dev.tourniquet.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Puts an evidence step's objects in the incident's evidence and lists each in the step's prior state, as
 * {@code objects: [{name, sha256, size}]}: the result says what was kept and how to check it.
 */
public final class EvidenceObjects {
    private final Evidence evidence;
    private final ArrayNode listed;

    /** Starts the list: an {@code objects} array added to {@code prior}. */
    public EvidenceObjects(Evidence evidence, ObjectNode prior) {
        this.evidence = evidence;
        this.listed = prior.putArray("objects");
    }

    public void put(String name, JsonNode json) {
        list(name, evidence.putJson(name, json));
    }

    public void put(String name, byte[] content, String contentType) {
        list(name, evidence.put(name, content, contentType));
    }

    /** How many objects were put. */
    public int count() {
        return listed.size();
    }

    private void list(String name, Evidence.Stored stored) {
        listed.addObject().put("name", name).put("sha256", stored.sha256()).put("size", stored.size());
    }
}

package dev.tourniquet.outcome;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.edge.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The evidence of one incident, written as it is collected under {@code incidents/INCIDENT_ID/}, and a
 * manifest with the SHA-256 of every object so that anyone can check nothing was altered.
 */
public final class EvidenceBundle {
    private final EvidenceStore store;
    private final String prefix;
    private final List<Entry> entries = new ArrayList<>();

    public EvidenceBundle(EvidenceStore store, String incidentId) {
        this.store = store;
        this.prefix = "incidents/" + incidentId + "/";
    }

    /** Where this incident's evidence lives: {@code s3://BUCKET/incidents/ID/}. */
    public String location() {
        return "s3://" + store.bucket() + "/" + prefix;
    }

    public synchronized Entry put(String name, byte[] content, String contentType) {
        String sha256 = sha256(content);
        String key = prefix + name;
        String version = store.put(key, content, contentType, sha256);
        Entry entry = new Entry(key, sha256, content.length, version);
        entries.removeIf(e -> e.key().equals(key));
        entries.add(entry);
        return entry;
    }

    public Entry putJson(String name, Object json) {
        return put(name, Json.pretty(json).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Writes {@code manifest.json}: every object so far with its SHA-256, size and version. */
    public synchronized Entry writeManifest() {
        ObjectNode manifest = Json.object().put("algorithm", "SHA-256");
        ArrayNode objects = manifest.putArray("objects");
        for (Entry entry : entries) {
            objects.addObject().put("key", entry.key()).put("sha256", entry.sha256()).put("size", entry.size())
                    .put("versionId", entry.versionId());
        }
        byte[] content = Json.pretty(manifest).getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(content);
        String key = prefix + "manifest.json";
        return new Entry(key, sha256, content.length, store.put(key, content, "application/json", sha256));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** One stored object. */
    public record Entry(String key, String sha256, long size, String versionId) {
    }
}

package dev.tourniquet.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.step.Evidence;
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
public final class EvidenceBundle implements Evidence {
    private final EvidenceStore store;
    private final String prefix;
    private final List<Stored> entries = new ArrayList<>();

    public EvidenceBundle(EvidenceStore store, String incidentId) {
        this.store = store;
        this.prefix = "incidents/" + incidentId + "/";
    }

    /** Where this incident's evidence lives: {@code s3://BUCKET/incidents/ID/}. */
    public String location() {
        return "s3://" + store.bucket() + "/" + prefix;
    }

    @Override
    public synchronized Stored put(String name, byte[] content, String contentType) {
        String sha256 = sha256(content);
        String key = prefix + name;
        String version = store.put(key, content, contentType, sha256);
        Stored entry = new Stored(key, sha256, content.length, version);
        entries.removeIf(e -> e.key().equals(key));
        entries.add(entry);
        return entry;
    }

    @Override
    public Stored putJson(String name, Object json) {
        return put(name, Json.pretty(json).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Writes {@code manifest.json}: every object so far with its SHA-256, size and version. */
    public synchronized Stored writeManifest() {
        ObjectNode manifest = Json.object().put("algorithm", "SHA-256");
        ArrayNode objects = manifest.putArray("objects");
        for (Stored entry : entries) {
            objects.addObject().put("key", entry.key()).put("sha256", entry.sha256()).put("size", entry.size())
                    .put("versionId", entry.versionId());
        }
        byte[] content = Json.pretty(manifest).getBytes(StandardCharsets.UTF_8);
        String sha256 = sha256(content);
        String key = prefix + "manifest.json";
        return new Stored(key, sha256, content.length, store.put(key, content, "application/json", sha256));
    }

    public synchronized List<Stored> entries() {
        return List.copyOf(entries);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

}

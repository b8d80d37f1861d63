package dev.tourniquet.step;

/**
 * Where evidence steps put what they collect for one incident. The records layer implements it (an S3
 * bundle with a SHA-256 manifest); steps only hand over named objects, so they never depend on how or where
 * evidence is kept.
 */
public interface Evidence {

    /** Stores one object under {@code name}; returns where it went. Throws what the store throws. */
    Stored put(String name, byte[] content, String contentType);

    /** Stores a JSON document (pretty-printed) under {@code name}. */
    Stored putJson(String name, Object json);

    /** One stored object: its key, the SHA-256 of its content, its size and the store's version id. */
    record Stored(String key, String sha256, long size, String versionId) {
    }
}

package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.records.EvidenceBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Object;

/** One incident's evidence in the emulated bucket, read with the (unrecorded) admin clients. */
final class EvidenceCheck {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    EvidenceCheck(Emulator emulator, String incidentId) {
        this.s3 = emulator.admin().evidenceS3();
        this.bucket = emulator.configuration().bucketName();
        this.prefix = "incidents/" + incidentId + "/";
    }

    /**
     * Asserts the expected objects exist, and that every object is in the manifest with its SHA-256 and is
     * locked (governance mode).
     */
    EvidenceCheck assertLockedAndHashed(Set<String> expected) {
        List<S3Object> objects = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents();
        assertThat(objects).extracting(o -> o.key().substring(prefix.length())).containsAll(expected);
        JsonNode manifest = json("manifest.json");
        assertThat(manifest.path("objects").size()).isEqualTo(objects.size() - 1);
        for (JsonNode entry : manifest.path("objects")) {
            String key = entry.path("key").asText();
            byte[] content = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
            assertThat(EvidenceBundle.sha256(content)).as(key).isEqualTo(entry.path("sha256").asText());
            assertThat(s3.headObject(r -> r.bucket(bucket).key(key)).objectLockMode()).as(key)
                    .isEqualTo(ObjectLockMode.GOVERNANCE);
        }
        return this;
    }

    byte[] object(String name) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + name)).asByteArray();
    }

    JsonNode json(String name) {
        try {
            return Json.MAPPER.readTree(object(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.tourniquet.records;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Writes evidence objects into the evidence bucket (versioned, Object Lock), each locked in governance
 * mode for the configured retention so that not even a stolen administrator key deletes it quietly.
 *
 * <p>IAM actions: {@code s3:PutObject}, {@code s3:PutObjectRetention}.
 */
public final class EvidenceStore {
    private final Supplier<S3Client> s3;
    private final String bucket;
    private final int retentionDays;

    /**
     * @param s3 asked for the client at the first object, not before: an incident's evidence bundle exists
     *           from the start, and building the S3 client then would delay the containment calls
     */
    public EvidenceStore(Supplier<S3Client> s3, String bucket, int retentionDays) {
        this.s3 = s3;
        this.bucket = bucket;
        this.retentionDays = retentionDays;
    }

    public String bucket() {
        return bucket;
    }

    /** Stores one object under lock; returns its version id (empty when the bucket is not versioned). */
    public String put(String key, byte[] content, String contentType, String sha256) {
        PutObjectResponse response = s3.get().putObject(r -> r.bucket(bucket).key(key).contentType(contentType)
                        .metadata(java.util.Map.of("sha256", sha256))
                        .objectLockMode(ObjectLockMode.GOVERNANCE)
                        .objectLockRetainUntilDate(Instant.now().plus(retentionDays, ChronoUnit.DAYS)),
                RequestBody.fromBytes(content));
        return response.versionId() == null ? "" : response.versionId();
    }
}

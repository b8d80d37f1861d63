package dev.tourniquet.signal;

/**
 * Something a contained credential opened or shared to others: a function's permission for anyone or another
 * account, a layer version it published, a snapshot, image or database snapshot it shared, a key pair it made.
 * Only swept ({@code Credential Contained}) or announced late ({@code Resource Of Contained Credential}): never
 * from a finding. Its incident undoes exactly that share, read from the record.
 *
 * @param origin the sweep or late record it came from
 * @param share  the provenance record of the share ({@code resourceType} {@value Shares#TYPE})
 * @param reason why it is undone
 */
public record SharedResource(Origin origin, Provenance share, String reason) implements Signal {

    @Override
    public String subject() {
        return share.resourceId();
    }

    @Override
    public String signalType() {
        return "share";
    }

    /** The kind of share ({@link Shares#SNAPSHOT} …). */
    public String kind() {
        return Shares.kindOf(share.resourceId()).orElse("");
    }

    /** The region of the shared resource. */
    public String region() {
        return share.region();
    }
}

package dev.tourniquet.signal;

import java.util.Optional;
import java.util.Set;

/**
 * How what a caller opened or shared to others is kept as provenance ({@code resourceType} {@value #TYPE}): one
 * record per share, named {@code KIND:ID} — {@code function-permission:FUNCTIONARN#SID}, {@code layer:LAYERVERSIONARN},
 * {@code snapshot:ID}, {@code image:ID}, {@code db-snapshot:ID}, {@code db-cluster-snapshot:ID}, {@code keypair:NAME}.
 * The function quarantine acts on the function kinds, the instance isolation on the rest (EC2, RDS, key pairs).
 *
 * <p>A function a layer is attached to is kept as {@value #LAYER_USE} (id: the layer version ARN, detail
 * {@code function}), so that the functions running a layer are found by the layer's own history.
 */
public final class Shares {
    /** The provenance resource type of a share. */
    public static final String TYPE = "share";
    /** The provenance resource type of a layer attached to a function. */
    public static final String LAYER_USE = "layer-use";
    public static final String FUNCTION_PERMISSION = "function-permission";
    public static final String LAYER = "layer";
    public static final String SNAPSHOT = "snapshot";
    public static final String IMAGE = "image";
    public static final String DB_SNAPSHOT = "db-snapshot";
    public static final String DB_CLUSTER_SNAPSHOT = "db-cluster-snapshot";
    public static final String KEYPAIR = "keypair";
    /** The kinds the function quarantine acts on. */
    public static final Set<String> FUNCTION_KINDS = Set.of(FUNCTION_PERMISSION, LAYER);
    /** The kinds the instance isolation acts on. */
    public static final Set<String> INSTANCE_KINDS = Set.of(SNAPSHOT, IMAGE, DB_SNAPSHOT, DB_CLUSTER_SNAPSHOT, KEYPAIR);

    /** The value of {@code details.public} when a share opened the resource to everyone ({@code all}, {@code *}). */
    public static final String PUBLIC = "true";

    private Shares() {}

    public static String id(String kind, String resource) {
        return kind + ":" + resource;
    }

    /** The kind of a share id ({@code snapshot} of {@code snapshot:snap-1}). */
    public static Optional<String> kindOf(String shareId) {
        int colon = shareId.indexOf(':');
        return colon > 0 ? Optional.of(shareId.substring(0, colon)) : Optional.empty();
    }

    /** What a share id names after its kind ({@code snap-1} of {@code snapshot:snap-1}). */
    public static String resourceOf(String shareId) {
        return shareId.substring(shareId.indexOf(':') + 1);
    }

    /** Whether a provenance record is a share of one of {@code kinds}. */
    public static boolean isShare(Provenance record, Set<String> kinds) {
        return TYPE.equals(record.resourceType()) && kindOf(record.resourceId()).filter(kinds::contains).isPresent();
    }
}

package dev.tourniquet.signal;

import java.util.Optional;

/**
 * How a credential signal implicates its credential, carried to the {@code Credential Contained} chain event and so
 * to the sweep it bounds.
 *
 * @param implication     reported exposed (or caught tampering), or only the creator of a caught resource
 * @param flaggedResource for {@link Implication#CREATOR}: the resource whose catching named the credential (a
 *                        function ARN, an instance id); its shape bounds the sweep
 */
public record Implicated(Implication implication, Optional<String> flaggedResource) {
    /** A credential reported exposed or compromised itself: its whole window is swept. */
    public static final Implicated EXPOSED = new Implicated(Implication.EXPOSED, Optional.empty());

    /** The creator of {@code flagged}, when the chain event names it. */
    public static Implicated creatorOf(Optional<String> flagged) {
        return new Implicated(Implication.CREATOR, flagged);
    }
}

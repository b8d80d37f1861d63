package dev.tourniquet.cli.fuzz;

import java.util.Random;

/**
 * One change to an event, as plain numbers so that any generator can make one (jqwik in the properties, a
 * seeded {@link Random} in the emulator test) and jqwik can shrink it: {@code path} and {@code value} are
 * taken modulo the choices the event offers ({@link JsonMutator}), so every int is valid and smaller ints
 * pick earlier paths and simpler values.
 *
 * @param kind  what to do to the node
 * @param path  which node: an index into the event's nodes (or into those the kind applies to)
 * @param value which replacement, where the kind has several
 */
public record Mutation(Kind kind, int path, int value) {

    public enum Kind {
        /** The field (or array element) is left out. */
        REMOVE,
        /** The value becomes {@code null}. */
        NULL,
        /** The value changes type: string, number, boolean, object, array. */
        RETYPE,
        /** A string far longer than any AWS field (up to beyond EventBridge's 256 KB event limit). */
        OVERSIZE,
        /** An ARN-like, path-like or wildcard value replaces the string, or is added to it. */
        INJECT,
        /** Every 12-digit account id in a string becomes another account's. */
        WRONG_ACCOUNT,
        /** Every region name in a string becomes another region's (or no region at all). */
        WRONG_REGION,
        /** {@code arn:aws:} becomes {@code arn:aws-cn:} or {@code arn:aws-us-gov:} (and {@code "aws"} likewise). */
        WRONG_PARTITION
    }

    /** A mutation drawn from {@code random}: any kind, any path, any value. */
    public static Mutation random(Random random) {
        Kind[] kinds = Kind.values();
        return new Mutation(kinds[random.nextInt(kinds.length)], random.nextInt(Integer.MAX_VALUE),
                random.nextInt(Integer.MAX_VALUE));
    }
}

package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether one owner resource came through untouched.
 *
 * @param label  what it is
 * @param before its fingerprint before the attack
 * @param after  its fingerprint at the end
 */
record OwnerOutcome(String label, JsonNode before, JsonNode after) {

    boolean untouched() {
        return before.equals(after);
    }
}

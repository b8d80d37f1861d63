package dev.tourniquet.signal;

import java.util.Optional;

/**
 * Tourniquet's own "credential contained" chain event: every resource this credential created or
 * changed (from provenance) is to be contained too.
 *
 * @param origin       the chain event
 * @param incidentId   the incident that contained the credential
 * @param accessKeyId  the contained key
 * @param principalArn the contained principal, when known
 */
public record SweepRequest(Origin origin, String incidentId, String accessKeyId, Optional<String> principalArn) {
}

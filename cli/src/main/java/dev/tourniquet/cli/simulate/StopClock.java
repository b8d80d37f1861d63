package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.Optional;

/**
 * From when an attacker resource's stop is timed (issue 15's measure): the later of its creation and the leaked key's
 * detection; for what an identity of the incident (the backdoor key) creates after the detection, from when that
 * call's CloudTrail record reaches Tourniquet, since nothing could name it before.
 *
 * @param detectedAt   when the first signal about the leaked key was delivered
 * @param leakedKeyId  the leaked key
 * @param recordDelay  how long CloudTrail takes to deliver a record
 */
record StopClock(Duration detectedAt, String leakedKeyId, Duration recordDelay) {
    /** The target: every attacker resource stopped within this of its clock's start. */
    static final Duration TARGET = Duration.ofSeconds(30);

    Duration startOf(AttackerResource resource) {
        boolean byIncidentIdentity = !resource.by().equals(leakedKeyId);
        if (byIncidentIdentity && resource.createdAt().compareTo(detectedAt) > 0) {
            return resource.createdAt().plus(recordDelay);
        }
        return resource.createdAt().compareTo(detectedAt) > 0 ? resource.createdAt() : detectedAt;
    }

    static Optional<Duration> startOf(Optional<StopClock> clock, AttackerResource resource) {
        return clock.map(c -> c.startOf(resource));
    }
}

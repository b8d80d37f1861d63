package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.SweepRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a sweep takes the exposure hold, how the review's schedule is told apart, and how Lambda's times are read. */
class ExposureHoldTest {
    private static final Instant START = Instant.parse("2026-11-20T02:10:05Z");

    private static ExposureHold hold(boolean on) {
        return new ExposureHold(null, null, Configuration.from(Map.of("EXPOSURE_HOLD", String.valueOf(on))), List::of,
                null, Clock.systemUTC());
    }

    private static SweepRequest request(String detailType, Instant start, Implication how) {
        Origin origin = new Origin("e-1", ChainEvents.SOURCE, detailType, Optional.empty(), Optional.empty(), 0, "",
                "123456789012", "us-east-1", Instant.parse("2026-11-20T03:16:05Z"), false);
        return new SweepRequest(origin, "inc-key", "AKIAIOSFODNN7EXAMPLE", Optional.empty(), start, how,
                Optional.empty());
    }

    @Test
    void applies_exposedKeyWithAWindow_holds() {
        assertThat(hold(true).applies(request(ChainEvents.CREDENTIAL_CONTAINED, START, Implication.EXPOSED))).isTrue();
    }

    @Test
    void applies_creatorIdentityLateRecordNoWindowOrOff_doesNotHold() {
        assertThat(hold(true).applies(request(ChainEvents.CREDENTIAL_CONTAINED, START, Implication.CREATOR))).isFalse();
        assertThat(hold(true).applies(request(ChainEvents.CREDENTIAL_CONTAINED, START,
                Implication.INCIDENT_IDENTITY))).isFalse();
        assertThat(hold(true).applies(request(ChainEvents.CREDENTIAL_CONTAINED + " (late CloudTrail record)", START,
                Implication.EXPOSED))).isFalse();
        assertThat(hold(true).applies(request(ChainEvents.CREDENTIAL_CONTAINED, Instant.EPOCH,
                Implication.EXPOSED))).isFalse();
        assertThat(hold(false).applies(request(ChainEvents.CREDENTIAL_CONTAINED, START, Implication.EXPOSED)))
                .isFalse();
    }

    @Test
    void catchUp_aRegionThatCannotBeListed_isSkippedNotThrown() {
        AppearedResources denied = new AppearedResources() {
            @Override
            public String kind() {
                return "function";
            }

            @Override
            public List<Appeared> list(String region, Instant from, Instant to) {
                throw new IllegalStateException("AccessDenied in " + region + " (a service control policy)");
            }

            @Override
            public dev.tourniquet.signal.Signal signal(Origin origin, String resourceId, String region, String reason,
                                                        Optional<dev.tourniquet.signal.Provenance> creator) {
                throw new AssertionError("nothing was listed");
            }
        };
        ExposureHold hold = new ExposureHold(denied, null, Configuration.from(Map.of()),
                () -> List.of("ap-east-1", "us-east-1"), null, Clock.systemUTC());
        dev.tourniquet.records.ExposureHolds.Window window = new dev.tourniquet.records.ExposureHolds.Window(
                "function", "inc-key", "AKIAIOSFODNN7EXAMPLE", Optional.empty(), START, START, START.plusSeconds(900),
                "123456789012");

        assertThat(hold.catchUp(window, request(ChainEvents.CREDENTIAL_CONTAINED, START, Implication.EXPOSED),
                START.plusSeconds(60), true, java.util.Set.of())).isEmpty();
    }

    @Test
    void isReview_theReviewRulesScheduledEvent_only() {
        ObjectNode review = Json.object().put("source", "aws.events").put("detail-type", "Scheduled Event");
        review.putArray("resources").add("arn:aws:events:us-east-1:123456789012:rule/tourniquet-exposure-hold-review");
        ObjectNode baseline = review.deepCopy();
        baseline.putArray("resources").add("arn:aws:events:us-east-1:123456789012:rule/tourniquet-baseline");
        ObjectNode forged = review.deepCopy().put("source", "tourniquet");

        assertThat(ExposureReview.isReview(review)).isTrue();
        assertThat(ExposureReview.isReview(baseline)).isFalse();
        assertThat(ExposureReview.isReview(forged)).isFalse();
        assertThat(ExposureReview.isReview(Json.object())).isFalse();
    }

    @Test
    void lastModified_lambdasAndIsoOffsets_readAsInstants() {
        assertThat(AppearedFunctions.lastModified("2026-11-20T03:11:02.123+0000"))
                .contains(Instant.parse("2026-11-20T03:11:02.123Z"));
        assertThat(AppearedFunctions.lastModified("2026-11-20T03:11:02.123456+00:00"))
                .contains(Instant.parse("2026-11-20T03:11:02.123456Z"));
        assertThat(AppearedFunctions.lastModified("yesterday")).isEmpty();
        assertThat(AppearedFunctions.lastModified(null)).isEmpty();
    }

    @Test
    void holdsFrom_windowOpenedLongAgo_reachesBackOnlyAsFarAsTheHoldWaitsForARecord() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");

        assertThat(ExposureHold.holdsFrom(Instant.parse("2025-01-01T00:00:00Z"), now, java.time.Duration.ofMinutes(15)))
                .isEqualTo(Instant.parse("2026-12-02T11:45:00Z"));
        assertThat(ExposureHold.holdsFrom(Instant.parse("2026-12-02T11:55:00Z"), now, java.time.Duration.ofMinutes(15)))
                .isEqualTo(Instant.parse("2026-12-02T11:55:00Z"));
    }
}

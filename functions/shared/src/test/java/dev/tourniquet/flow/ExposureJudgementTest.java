package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.records.ExposureHolds;
import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What becomes of a resource held provisionally, from the records provenance holds of it and the clock. */
class ExposureJudgementTest {
    private static final String LEAKED = "AKIAIOSFODNN7EXAMPLE";
    private static final String OWNER_KEY = "AKIAOWNERDEPLOY00001";
    private static final Instant START = Instant.parse("2026-11-20T02:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-11-20T03:20:00Z");
    private static final ExposureHolds.Held HELD = new ExposureHolds.Held("function",
            "arn:aws:lambda:us-east-1:123456789012:function:f", "us-east-1", "123456789012", "inc-hold", "inc-key",
            LEAKED, Optional.of("arn:aws:iam::123456789012:user/ci"), START, Instant.parse("2026-11-20T03:01:00Z"),
            UNTIL, List.of());
    /** The incident's principals: the leaked key, and a user it created. */
    private static final Predicate<Provenance> OF_INCIDENT = p -> p.accessKeyId().filter(LEAKED::equals).isPresent()
            || Set.of("arn:aws:iam::123456789012:user/backdoor").contains(p.principalArn());

    private static Provenance record(String key, String principal, String time) {
        return new Provenance("e-" + time, "CreateFunction20150331", Instant.parse(time), "us-east-1", "123456789012",
                "function", HELD.resourceId(), Optional.ofNullable(key), principal, "IAMUser");
    }

    private static ExposureJudgement.Decision judge(List<Provenance> history, String now) {
        return ExposureJudgement.judge(HELD, history, OF_INCIDENT, Instant.parse(now));
    }

    @Test
    void judge_noRecordWithinTheWait_waits() {
        assertThat(judge(List.of(), "2026-11-20T03:05:00Z")).isInstanceOf(ExposureJudgement.Decision.Wait.class);
    }

    @Test
    void judge_noRecordWhenTheWaitRunsOut_containsWithoutCreator() {
        ExposureJudgement.Decision decision = judge(List.of(), "2026-11-20T03:20:00Z");

        assertThat(decision).isInstanceOfSatisfying(ExposureJudgement.Decision.Contain.class, contain -> {
            assertThat(contain.creator()).isEmpty();
            assertThat(contain.reason()).contains("no CloudTrail record").contains("ExposureHoldWaitMinutes");
        });
    }

    @Test
    void judge_ownerRecordInsideTheWindow_releasesNamingTheOwner() {
        ExposureJudgement.Decision decision = judge(List.of(record(OWNER_KEY, "arn:aws:iam::123456789012:user/deploy",
                "2026-11-20T03:01:00Z")), "2026-11-20T03:04:00Z");

        assertThat(decision).isInstanceOfSatisfying(ExposureJudgement.Decision.Release.class, release ->
                assertThat(release.reason()).contains("user/deploy").contains(OWNER_KEY).contains("outside"));
    }

    @Test
    void judge_ownerRecordAfterTheWaitRanOut_stillReleases() {
        assertThat(judge(List.of(record(OWNER_KEY, "arn:aws:iam::123456789012:user/deploy", "2026-11-20T03:01:00Z")),
                "2026-11-20T04:00:00Z")).isInstanceOf(ExposureJudgement.Decision.Release.class);
    }

    @Test
    void judge_leakedKeysRecord_containsWithItAsCreator() {
        Provenance attacker = record(LEAKED, "arn:aws:iam::123456789012:user/ci", "2026-11-20T03:01:00Z");

        ExposureJudgement.Decision decision = judge(List.of(attacker), "2026-11-20T03:04:00Z");

        assertThat(decision).isInstanceOfSatisfying(ExposureJudgement.Decision.Contain.class, contain -> {
            assertThat(contain.creator()).contains(attacker);
            assertThat(contain.reason()).contains(LEAKED).contains("inc-key");
        });
    }

    @Test
    void judge_identityTheIncidentCreated_contains() {
        assertThat(judge(List.of(record(null, "arn:aws:iam::123456789012:user/backdoor", "2026-11-20T03:01:00Z")),
                "2026-11-20T03:04:00Z")).isInstanceOf(ExposureJudgement.Decision.Contain.class);
    }

    @Test
    void judge_ownerCreatedItThenTheIncidentChangedIt_contains() {
        assertThat(judge(List.of(record(OWNER_KEY, "arn:aws:iam::123456789012:user/deploy", "2026-11-20T02:30:00Z"),
                record(LEAKED, "arn:aws:iam::123456789012:user/ci", "2026-11-20T03:01:00Z")), "2026-11-20T03:04:00Z"))
                .isInstanceOf(ExposureJudgement.Decision.Contain.class);
    }

    @Test
    void judge_createdBeforeTheWindow_releasesEvenIfTheKeyMadeIt() {
        ExposureJudgement.Decision decision = judge(List.of(record(LEAKED, "arn:aws:iam::123456789012:user/ci",
                "2026-11-19T12:00:00Z")), "2026-11-20T03:04:00Z");

        assertThat(decision).isInstanceOfSatisfying(ExposureJudgement.Decision.Release.class, release ->
                assertThat(release.reason()).contains("before the exposure window"));
    }
}

package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.records.IdentityHolds;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWrites;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What becomes of a held identity, from what provenance says of it: decided without AWS. */
class IdentityJudgementTest {
    private static final String LEAKED = "AKIAIOSFODNN7EXAMPLE";
    private static final Instant WINDOW = Instant.parse("2026-11-20T02:10:05Z");
    private static final Instant HELD_AT = Instant.parse("2026-11-20T03:11:07Z");
    private static final Instant UNTIL = HELD_AT.plusSeconds(15 * 60);
    private static final IdentityHolds.Held HELD = new IdentityHolds.Held("user/svc-backup", Optional.empty(),
            "inc-hold", new IdentityHolds.Window("inc-c", LEAKED, Optional.of("arn:aws:iam::123456789012:user/deploy-bot"),
                    WINDOW, UNTIL, "123456789012"), Instant.parse("2026-11-20T03:11:01Z"), UNTIL);
    private static final Predicate<Provenance> BY_LEAKED_KEY = p -> p.accessKeyId().filter(LEAKED::equals).isPresent();

    private static Provenance record(String key, String principal, Instant at) {
        return new Provenance("ev-" + key + at, "CreateUser", at, "us-east-1", "123456789012", TagWrites.IDENTITY,
                "user/svc-backup", Optional.of(key), principal, "IAMUser");
    }

    @Test
    void judge_noRecordWithinTheWait_waits() {
        assertThat(IdentityJudgement.judge(HELD, List.of(), BY_LEAKED_KEY, HELD_AT.plusSeconds(60)))
                .isInstanceOf(IdentityJudgement.Decision.Wait.class);
    }

    @Test
    void judge_noRecordAfterTheWait_contains() {
        var decision = IdentityJudgement.judge(HELD, List.of(), BY_LEAKED_KEY, UNTIL);

        assertThat(decision).isInstanceOfSatisfying(IdentityJudgement.Decision.Contain.class, contain -> {
            assertThat(contain.creator()).isEmpty();
            assertThat(contain.reason()).contains("ExposureHoldWaitMinutes");
        });
    }

    @Test
    void judge_recordByTheContainedKey_containsWithThatCreator() {
        Provenance byAttacker = record(LEAKED, "arn:aws:iam::123456789012:user/deploy-bot", HELD_AT.minusSeconds(6));

        var decision = IdentityJudgement.judge(HELD, List.of(byAttacker), BY_LEAKED_KEY, HELD_AT.plusSeconds(180));

        assertThat(decision).isInstanceOfSatisfying(IdentityJudgement.Decision.Contain.class,
                contain -> assertThat(contain.creator()).contains(byAttacker));
    }

    @Test
    void judge_recordByAnOwnerOutsideTheIncident_releases() {
        Provenance byOwner = record("AKIAOWNERKEY00000001", "arn:aws:iam::123456789012:user/alice",
                HELD_AT.minusSeconds(6));

        var decision = IdentityJudgement.judge(HELD, List.of(byOwner), BY_LEAKED_KEY, HELD_AT.plusSeconds(180));

        assertThat(decision).isInstanceOfSatisfying(IdentityJudgement.Decision.Release.class,
                release -> assertThat(release.reason()).contains("user/alice", "outside the incident"));
    }

    @Test
    void judge_ownerAndIncidentRecords_theIncidentOutweighs() {
        Provenance byOwner = record("AKIAOWNERKEY00000001", "arn:aws:iam::123456789012:user/alice",
                HELD_AT.minusSeconds(60));
        Provenance byAttacker = record(LEAKED, "arn:aws:iam::123456789012:user/deploy-bot", HELD_AT.minusSeconds(6));

        assertThat(IdentityJudgement.judge(HELD, List.of(byAttacker, byOwner), BY_LEAKED_KEY, HELD_AT))
                .isInstanceOf(IdentityJudgement.Decision.Contain.class);
    }

    @Test
    void judge_recordBeforeTheWindow_releases() {
        Provenance old = record(LEAKED, "arn:aws:iam::123456789012:user/deploy-bot", WINDOW.minusSeconds(3600));

        assertThat(IdentityJudgement.judge(HELD, List.of(old), BY_LEAKED_KEY, HELD_AT))
                .isInstanceOfSatisfying(IdentityJudgement.Decision.Release.class,
                        release -> assertThat(release.reason()).contains("before the exposure window"));
    }
}

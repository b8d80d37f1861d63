package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What provenance says of a resource the footprint's inventory found outside the footprint. */
class FootprintAttributionTest {
    private static final String FUNCTION = "arn:aws:lambda:us-west-2:123456789012:function:xmrig";
    private static final Instant SINCE = Instant.parse("2026-11-20T02:00:00Z");
    private static final String ATTACKER = "arn:aws:iam::123456789012:user/deploy-bot";
    private static final String DEPLOYER = "arn:aws:iam::123456789012:role/ci-deploy";
    private static final String SERVICE = "arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling";
    /** The deployer is exempt; the Auto Scaling service-linked role is an AWS service (judged as the flow does). */
    private static final Function<Provenance, Optional<String>> EXEMPT = p -> p.principalArn().equals(DEPLOYER)
            ? Optional.of("exempt") : p.principalArn().contains("AWSServiceRoleFor") ? Optional.of("service")
            : Optional.empty();

    private static Provenance record(String event, String principal, String time) {
        return new Provenance("e-" + event + "-" + time, event, Instant.parse(time), "us-west-2", "123456789012",
                "function", FUNCTION, Optional.empty(), principal, "IAMUser");
    }

    private static FootprintAttribution.Decision judge(Provenance... history) {
        return FootprintAttribution.judge(List.of(history), SINCE, EXEMPT);
    }

    @Test
    void judge_noRecord_isUnattributed() {
        assertThat(judge()).isInstanceOf(FootprintAttribution.Decision.Unattributed.class);
    }

    @Test
    void judge_nonExemptCreatorSinceTheFootprint_announcesItsRecord() {
        Provenance created = record("CreateFunction20150331", ATTACKER, "2026-11-20T03:00:00Z");

        assertThat(judge(created)).isEqualTo(new FootprintAttribution.Decision.Announce(created));
    }

    @Test
    void judge_exemptCreator_isExplained() {
        assertThat(judge(record("CreateFunction20150331", DEPLOYER, "2026-11-20T03:00:00Z")))
                .isInstanceOfSatisfying(FootprintAttribution.Decision.Explained.class,
                        e -> assertThat(e.reason()).contains("exempt"));
    }

    @Test
    void judge_awsService_isExplained() {
        assertThat(judge(record("RunInstances", SERVICE, "2026-11-20T03:00:00Z")))
                .isInstanceOf(FootprintAttribution.Decision.Explained.class);
    }

    @Test
    void judge_exemptChangeAfterAnAttackersCreation_stillAnnouncesTheAttacker() {
        Provenance created = record("CreateFunction20150331", ATTACKER, "2026-11-20T03:00:00Z");

        assertThat(judge(created, record("UpdateFunctionConfiguration20150331v2", DEPLOYER, "2026-11-20T03:10:00Z")))
                .isEqualTo(new FootprintAttribution.Decision.Announce(created));
    }

    @Test
    void judge_newestUnexplainedSpendingRecord_isTheOneAnnounced() {
        Provenance reshaped = record("UpdateFunctionConfiguration20150331v2", ATTACKER, "2026-11-20T03:10:00Z");

        assertThat(judge(record("CreateFunction20150331", ATTACKER, "2026-11-20T03:00:00Z"), reshaped))
                .isEqualTo(new FootprintAttribution.Decision.Announce(reshaped));
    }

    @Test
    void judge_nonExemptCreatorBeforeTheFootprint_isTheOwnersAndExplained() {
        assertThat(judge(record("CreateFunction20150331", ATTACKER, "2026-11-19T03:00:00Z")))
                .isInstanceOfSatisfying(FootprintAttribution.Decision.Explained.class,
                        e -> assertThat(e.reason()).contains("before the footprint took effect"));
    }

    @Test
    void judge_onlyCallsThatStartNoSpend_isUnattributed() {
        assertThat(judge(record("UpdateFunctionCode20150331v2", ATTACKER, "2026-11-20T03:00:00Z"),
                record("AddPermission20150331v2", ATTACKER, "2026-11-20T03:01:00Z")))
                .isInstanceOf(FootprintAttribution.Decision.Unattributed.class);
    }
}

package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.records.IdentityHolds;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.step.iam.CreatedIdentities;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shape of an identity's hold: its own incident, the same from the sweep and from every review. */
class IdentityHoldTest {
    private static final IdentityHolds.Window WINDOW = new IdentityHolds.Window("inc-c", "AKIAIOSFODNN7EXAMPLE",
            Optional.empty(), Instant.parse("2026-11-20T02:10:05Z"), Instant.parse("2026-11-20T03:26:07Z"),
            "123456789012");
    private static final CreatedIdentities.Created KEY = new CreatedIdentities.Created("key/AKIAMINTED0000000001",
            "arn:aws:iam::123456789012:user/release-bot", Optional.of("release-bot"),
            Instant.parse("2026-11-20T03:11:30Z"));

    private static Origin delivered(String eventId, String detailType) {
        return new Origin(eventId, "tourniquet", detailType, Optional.of("inc-c"), Optional.empty(), 0, "",
                "123456789012", "us-east-1", Instant.parse("2026-11-20T03:11:07Z"), false);
    }

    @Test
    void signal_mintedKey_isAnExposureHoldOfThatKeyOnItsUser() {
        IamPersistence signal = IdentityHold.signal(WINDOW, delivered("chain-1", "Credential Contained"), KEY);

        assertThat(signal.origin().findingType()).contains(ChainEvents.EXPOSURE_HOLD);
        assertThat(signal.subject()).isEqualTo("key/AKIAMINTED0000000001");
        assertThat(signal.record().eventName()).isEqualTo("CreateAccessKey");
        assertThat(signal.record().detail("userName")).contains("release-bot");
        assertThat(signal.record().time()).isEqualTo(KEY.createdAt());
        assertThat(signal.created()).isEmpty();
    }

    @Test
    void signal_fromTheSweepAndFromAReview_isOneIncident() {
        String fromSweep = IncidentIds.of(IdentityHold.signal(WINDOW, delivered("chain-1", "Credential Contained"),
                KEY));
        String fromReview = IncidentIds.of(IdentityHold.signal(WINDOW, delivered("sched-9", "Identity Hold Review"),
                KEY));

        assertThat(fromReview).isEqualTo(fromSweep);
    }

    @Test
    void creation_ofARole_namesTheRole() {
        var role = new CreatedIdentities.Created("role/OrganizationAccountSupportRole",
                "arn:aws:iam::123456789012:role/OrganizationAccountSupportRole", Optional.empty(),
                Instant.parse("2026-11-20T03:11:05Z"));

        var record = IdentityHold.creation(role, "123456789012", "us-east-1");

        assertThat(record.eventName()).isEqualTo("CreateRole");
        assertThat(record.detail("roleName")).contains("OrganizationAccountSupportRole");
        assertThat(record.accessKeyId()).isEmpty();
    }
}

package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The earliest time each source reports about a credential, from which its exposure window opens. */
class ExposureTimesTest {

    private static Signal first(String sample) {
        return ((ParseResult.Signals) new SignalParser().parse(Samples.load(sample))).signals().get(0);
    }

    @Test
    void parse_guardDutyKeyFinding_firstSeenIsEventFirstSeenNotUpdatedAt() {
        Signal key = first("guardduty-accesskey-malicious-ip-caller.json");

        assertThat(key.origin().firstSeen()).isEqualTo(Instant.parse("2026-11-20T03:11:40Z"));
        assertThat(key.origin().revision()).isEqualTo("2026-11-20T03:14:20.512Z");
    }

    @Test
    void parse_guardDutyLambdaFinding_firstSeenIsTheActivitysFirstSighting() {
        assertThat(first("guardduty-lambda-bitcoin-tool.json").origin().firstSeen())
                .isEqualTo(Instant.parse("2026-11-20T03:13:10Z"));
    }

    @Test
    void parse_healthExposedKey_firstSeenIsStartTimeInRfc1123() {
        Signal key = first("health-risk-credentials-exposed.json");

        assertThat(key.origin().firstSeen()).isEqualTo(Instant.parse("2026-11-20T03:10:05Z"));
        assertThat(((CompromisedAccessKey) key).implicated()).isEqualTo(Implicated.EXPOSED);
    }

    @Test
    void time_healthIsoTime_read() {
        assertThat(HealthEventParser.time("2026-11-20T03:10:05Z")).contains(Instant.parse("2026-11-20T03:10:05Z"));
        assertThat(HealthEventParser.time("yesterday")).isEmpty();
    }

    @Test
    void parse_creatorChainEvent_carriesFlaggedResourceAndItsFirstSighting() {
        CompromisedAccessKey key = (CompromisedAccessKey) first("tourniquet-credential-compromised.json");

        assertThat(key.implicated()).isEqualTo(Implicated.creatorOf(
                Optional.of("arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1")));
        assertThat(key.origin().firstSeen()).isEqualTo(Instant.parse("2026-11-20T03:13:10Z"));
    }

    @Test
    void firstSeenAt_laterThanTheEvent_keepsTheEventTime() {
        Origin origin = ((Envelope.Result.Valid) Envelope.read(Samples.load("health-risk-credentials-exposed.json")))
                .envelope().origin();

        assertThat(origin.firstSeenAt(Optional.of(origin.time().plusSeconds(60))).firstSeen()).isEqualTo(origin.time());
        assertThat(origin.firstSeenAt(Optional.empty()).firstSeen()).isEqualTo(origin.time());
    }
}

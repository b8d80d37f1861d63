package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The backdoor calls' records carry IAM's CloudTrail forms: its date text, the URL-encoded trust policy. */
class BackdoorCallsTest {
    private final BackdoorCalls calls = new BackdoorCalls(null, AttackProfile.standard().backdoor());

    @Test
    void iamDate_isWrittenAsIamsCloudTrailRecordsWriteIt() {
        assertThat(BackdoorCalls.iamDate(Instant.parse("2024-08-01T13:33:28Z"))).isEqualTo("Aug 1, 2024 1:33:28 PM");
    }

    @Test
    void trust_namesTheAttackersOwnAccount_andEncodesAsCreateRolesResponse() {
        String trust = calls.trust();
        String encoded = BackdoorCalls.urlEncoded(trust);

        assertThat(trust).contains("\"AWS\":\"arn:aws:iam::999988887777:root\"", "sts:AssumeRole");
        assertThat(encoded).startsWith("%7B%22Version%22").doesNotContain("+", "{");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(trust);
        assertThat(IdentityProbe.trusted(encoded)).isEqualTo("arn:aws:iam::999988887777:root");
    }
}

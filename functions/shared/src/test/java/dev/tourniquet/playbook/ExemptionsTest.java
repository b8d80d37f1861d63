package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Configuration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExemptionsTest {
    private final Exemptions exemptions = new Exemptions(Configuration.from(Map.of(
            "EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:role/break-glass,arn:aws:iam::*:user/ci/*")));

    @Test
    void forArn_exactAndWildcardPatterns_match() {
        assertThat(exemptions.forArn("arn:aws:iam::123456789012:role/break-glass")).isPresent();
        assertThat(exemptions.forArn("arn:aws:iam::999999999999:user/ci/deployer")).isPresent();
    }

    @Test
    void forArn_lookalikes_doNotMatch() {
        assertThat(exemptions.forArn("arn:aws:iam::123456789012:role/break-glass-2")).isEmpty();
        assertThat(exemptions.forArn("arn:aws:iam::123456789012:user/deploy-bot")).isEmpty();
        // Pattern text is literal except '*': a dot is not "any character".
        assertThat(new Exemptions(Configuration.from(Map.of("EXEMPT_PRINCIPAL_ARNS", "a.b"))).forArn("axb")).isEmpty();
    }

    @Test
    void forTags_exemptKeyPresent_matches() {
        assertThat(exemptions.forTags(Map.of("tourniquet:exempt", ""))).isPresent();
        assertThat(exemptions.forTags(Map.of("team", "ops"))).isEmpty();
    }

    @Test
    void isOwnRole_byPathOrPrefix() {
        assertThat(exemptions.isOwnRole("arn:aws:iam::123456789012:role/tourniquet/QuarantineRole-ABC")).isTrue();
        assertThat(exemptions.isOwnRole("arn:aws:iam::123456789012:role/tourniquet-contain-credential")).isTrue();
        assertThat(exemptions.isOwnRole("arn:aws:iam::123456789012:role/web-instance-role")).isFalse();
        assertThat(exemptions.isOwnRole("arn:aws:iam::123456789012:user/tourniquet/x")).isFalse();
    }

    @Test
    void forCaller_assumedRoleSession_isJudgedAsItsRole() {
        assertThat(exemptions.forCaller("arn:aws:sts::123456789012:assumed-role/break-glass/alice")).isPresent();
        assertThat(exemptions.forCaller("arn:aws:sts::123456789012:assumed-role/tourniquet-x/s").orElseThrow())
                .contains("Tourniquet's own roles");
        assertThat(exemptions.forCaller("arn:aws:sts::123456789012:assumed-role/web/s")).isEmpty();
        assertThat(exemptions.forCaller("arn:aws:iam::123456789012:user/deploy-bot")).isEmpty();
    }
}

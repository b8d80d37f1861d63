package dev.tourniquet.step.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {
    @Test
    void same_urlEncodedAsIamReturnsIt_equalsThePlainDocument() {
        String encoded = URLEncoder.encode(QuarantinePolicies.DENY_ALL, StandardCharsets.UTF_8);

        assertThat(PolicyDocuments.same(encoded, QuarantinePolicies.DENY_ALL)).isTrue();
    }

    @Test
    void same_anAllowPlantedUnderTheSameName_differs() {
        String planted = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

        assertThat(PolicyDocuments.same(planted, QuarantinePolicies.DENY_ALL)).isFalse();
    }

    @Test
    void denySessionsIssuedBefore_carriesTheCutoff() {
        String document = QuarantinePolicies.denySessionsIssuedBefore(Instant.parse("2026-11-20T03:15:00Z"),
                java.util.Optional.empty());

        assertThat(PolicyDocuments.parse(document).orElseThrow()
                .at("/Statement/0/Condition/DateLessThan/aws:TokenIssueTime").asText()).isEqualTo("2026-11-20T03:15:00Z");
        assertThat(PolicyDocuments.parse(document).orElseThrow().at("/Statement/0/Condition/StringLike").isMissingNode())
                .as("every session of the role").isTrue();
    }

    @Test
    void denySessionsIssuedBefore_ofOneSession_matchesOnlyThatSessionsUserId() {
        String document = QuarantinePolicies.denySessionsIssuedBefore(Instant.parse("2026-11-20T03:15:00Z"),
                java.util.Optional.of("i-0123456789abcdef0"));

        assertThat(PolicyDocuments.parse(document).orElseThrow()
                .at("/Statement/0/Condition/StringLike/aws:userid").asText()).isEqualTo("*:i-0123456789abcdef0");
        assertThat(QuarantinePolicies.sessionPolicyName(java.util.Optional.of("i-0123456789abcdef0")))
                .isEqualTo("TourniquetRevokeSession-i-0123456789abcdef0");
    }
}

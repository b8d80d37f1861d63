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
        String document = QuarantinePolicies.denySessionsIssuedBefore(Instant.parse("2026-11-20T03:15:00Z"));

        assertThat(PolicyDocuments.parse(document).orElseThrow()
                .at("/Statement/0/Condition/DateLessThan/aws:TokenIssueTime").asText()).isEqualTo("2026-11-20T03:15:00Z");
    }
}

package dev.tourniquet.step.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

class HistoryLookupTest {
    private static Provenance by(String key, String principalArn) {
        return new Provenance("e1", "RunInstances", Instant.parse("2026-01-01T00:00:00Z"), "eu-west-1",
                "123456789012", "instance", "i-1", Optional.ofNullable(key), principalArn, "IAMUser");
    }

    @Test
    void of_accessKey_looksUpByAccessKeyId() {
        assertThat(HistoryLookup.of("AKIAIOSFODNN7EXAMPLE")).hasValueSatisfying(lookup -> {
            assertThat(lookup.attribute()).isEqualTo(LookupAttributeKey.ACCESS_KEY_ID);
            assertThat(lookup.value()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        });
        assertThat(HistoryLookup.of("ASIAY34FZKBOKMUTVV7A")).map(HistoryLookup::attribute)
                .contains(LookupAttributeKey.ACCESS_KEY_ID);
        assertThat(HistoryLookup.of("key/AKIAIOSFODNN7EXAMPLE")).map(HistoryLookup::value)
                .contains("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void of_user_looksUpByUsername() {
        assertThat(HistoryLookup.of("user/backdoor")).hasValueSatisfying(lookup -> {
            assertThat(lookup.attribute()).isEqualTo(LookupAttributeKey.USERNAME);
            assertThat(lookup.value()).isEqualTo("backdoor");
        });
    }

    @Test
    void of_roleOrAnythingElse_isNotCovered_andSaysWhy() {
        assertThat(HistoryLookup.of("role/ci-deploy")).isEmpty();
        assertThat(HistoryLookup.notCovered("role/ci-deploy")).contains("session name");
        assertThat(HistoryLookup.of("root")).isEmpty();
        assertThat(HistoryLookup.of("user/")).isEmpty();
    }

    @Test
    void covers_byKey_onlyThatKeysRecords() {
        HistoryLookup lookup = HistoryLookup.of("AKIAIOSFODNN7EXAMPLE").orElseThrow();

        assertThat(lookup.covers(by("AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::123456789012:user/deploy-bot"))).isTrue();
        assertThat(lookup.covers(by("AKIAOTHERKEY00000000", "arn:aws:iam::123456789012:user/deploy-bot"))).isFalse();
        assertThat(lookup.covers(by(null, "arn:aws:iam::123456789012:user/deploy-bot"))).isFalse();
    }

    @Test
    void covers_byUser_thatUsersCallsOnly_notASessionOfTheSameName() {
        HistoryLookup lookup = HistoryLookup.of("user/backdoor").orElseThrow();

        assertThat(lookup.covers(by("AKIAANYKEYOFBACKDOOR", "arn:aws:iam::123456789012:user/backdoor"))).isTrue();
        assertThat(lookup.covers(by("ASIASESSION000000000",
                "arn:aws:sts::123456789012:assumed-role/admin/backdoor"))).isFalse();
    }
}

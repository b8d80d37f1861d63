package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArnPatternsTest {
    @Test
    void match_exactWildcardAndRoleOfASession() {
        ArnPatterns patterns = new ArnPatterns(List.of("arn:aws:iam::123456789012:role/github-*",
                "arn:aws:iam::123456789012:user/release", "arn:aws:iam::123456789012:role/ci/deployer"));

        assertThat(patterns.match("arn:aws:iam::123456789012:user/release")).isPresent();
        assertThat(patterns.match("arn:aws:iam::123456789012:user/release-2")).isEmpty();
        assertThat(patterns.match("arn:aws:sts::123456789012:assumed-role/github-deploy/run-1")).isPresent();
        assertThat(patterns.match("arn:aws:sts::123456789012:assumed-role/deployer/run-1")).isPresent();
        assertThat(patterns.match("arn:aws:sts::210987654321:assumed-role/deployer/run-1")).isEmpty();
        assertThat(patterns.match("arn:aws:sts::123456789012:assumed-role/other/run-1")).isEmpty();
        assertThat(new ArnPatterns(List.of()).match("arn:aws:iam::123456789012:user/release")).isEmpty();
    }
}

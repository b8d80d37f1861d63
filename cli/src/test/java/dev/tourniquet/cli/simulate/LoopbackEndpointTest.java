package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tourniquet.cli.local.UsageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** simulate only ever talks to an emulator on this machine's loopback. */
class LoopbackEndpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:5000", "http://127.8.9.10", "http://localhost:5000",
            "https://LOCALHOST", "http://[::1]:5000", "http://[0:0:0:0:0:0:0:1]:80"})
    void require_loopback_isAccepted(String endpoint) {
        assertThat(LoopbackEndpoint.require(endpoint).toString()).isEqualTo(endpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1:5000", "http://0.0.0.0:5000", "http://169.254.169.254",
            "https://sts.amazonaws.com", "http://127.0.0.1.nip.io:5000", "http://localhost.example.com",
            "http://0127.0.0.1:5000", "http://127.0.0.256", "http://[::ffff:10.0.0.1]:5000", "http://[fe80::1]:5000",
            "ftp://127.0.0.1", "127.0.0.1:5000", "not a url"})
    void require_anythingElse_isRefusedNamingWhy(String endpoint) {
        assertThatThrownBy(() -> LoopbackEndpoint.require(endpoint)).isInstanceOf(UsageException.class)
                .hasMessageContaining("refusing --endpoint").hasMessageContaining("127.0.0.1, ::1 or localhost");
    }
}

package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.tourniquet.Samples;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.SweepRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceSweeperTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";

    private static Provenance share(String id, String region) {
        return new Provenance("e-" + id, "ModifySnapshotAttribute", Instant.parse("2026-11-20T03:14:05Z"), region,
                "123456789012", "share", id, Optional.of(KEY), "arn:aws:iam::123456789012:user/deploy-bot", "IAMUser",
                Map.of("accounts", "444455556666"));
    }

    @Test
    void expand_sharesOfEc2AndRds_areIncidentsInTheirRegions_functionSharesAreNot() {
        ProvenanceStore store = mock(ProvenanceStore.class);
        when(store.touchedBy(KEY, "instance")).thenReturn(List.of());
        when(store.touchedBy(KEY, "spot-request")).thenReturn(List.of());
        when(store.touchedBy(KEY, "share")).thenReturn(List.of(share("snapshot:snap-1", "ap-southeast-1"),
                share("db-snapshot:orders", "eu-west-1"), share("keypair:gpu-batch", "ap-southeast-1"),
                share("function-permission:arn:aws:lambda:us-west-2:123456789012:function:f#s", "us-west-2")));
        SweepRequest request = ((ParseResult.Sweep) new SignalParser().parse(
                Samples.load("tourniquet-credential-contained.json"))).request();

        List<Signal> signals = new InstanceSweeper(null, store, 10).expand(request).contain();

        assertThat(signals).extracting(Signal::subject)
                .containsExactly("snapshot:snap-1", "db-snapshot:orders", "keypair:gpu-batch");
        assertThat(signals).extracting(s -> s.origin().region()).containsExactly("ap-southeast-1", "eu-west-1",
                "ap-southeast-1");
        assertThat(signals).allSatisfy(s -> assertThat(s).isInstanceOf(SharedResource.class));
    }
}

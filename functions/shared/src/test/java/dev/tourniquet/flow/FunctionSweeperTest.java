package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.tourniquet.Samples;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.SweepRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionSweeperTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String USER = "arn:aws:iam::123456789012:user/deploy-bot";

    private static Provenance touched(String region, String name, Optional<String> key) {
        return new Provenance("e-" + name, "CreateFunction20150331", Instant.parse("2026-11-20T03:11:02Z"), region,
                "123456789012", "function", "arn:aws:lambda:" + region + ":123456789012:function:" + name, key, USER,
                "IAMUser");
    }

    private static SweepRequest request() {
        return ((ParseResult.Sweep) new SignalParser().parse(Samples.load("tourniquet-credential-contained.json")))
                .request();
    }

    @Test
    void expand_functionsInTwoRegions_giveOneIncidentEachInTheirRegion() {
        ProvenanceStore store = mock(ProvenanceStore.class);
        when(store.touchedBy(KEY, "function")).thenReturn(List.of(touched("us-west-2", "xmrig-worker-1", Optional.of(KEY)),
                touched("us-east-1", "xmrig-worker-3", Optional.of(KEY))));
        when(store.touchedBy(USER, "function")).thenReturn(List.of(touched("eu-west-1", "console-made", Optional.empty()),
                touched("us-west-2", "xmrig-worker-1", Optional.empty())));

        List<Signal> signals = new FunctionSweeper(store, region -> null, 10).expand(request()).contain();

        assertThat(signals).extracting(Signal::subject).containsExactly(
                "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1",
                "arn:aws:lambda:us-east-1:123456789012:function:xmrig-worker-3",
                "arn:aws:lambda:eu-west-1:123456789012:function:console-made");
        assertThat(signals).allSatisfy(s -> assertThat(((CompromisedFunction) s).fromSweep()).isTrue());
        assertThat(signals).extracting(s -> s.origin().region()).containsExactly("us-west-2", "us-east-1", "eu-west-1");
        assertThat(signals).extracting(IncidentIds::of).doesNotHaveDuplicates();
        assertThat(((CompromisedFunction) signals.get(0)).reason()).contains(KEY, "inc-7b1d9e3a5c2f4e6a8b0c");
        // The contained credential's record is each function's creator: the incident's principal, whoever
        // changed the function since.
        assertThat(((CompromisedFunction) signals.get(0)).facts().flatMap(FunctionFacts::creator)
                .flatMap(Provenance::accessKeyId)).contains(KEY);
    }

    @Test
    void expand_credentialThatTouchedNothing_givesNoSignal() {
        ProvenanceStore store = mock(ProvenanceStore.class);
        when(store.touchedBy(KEY, "function")).thenReturn(List.of());

        assertThat(new FunctionSweeper(store, region -> null, 10).expand(request()).contain()).isEmpty();
    }

    private static Provenance share(String id, String eventName, String time, java.util.Map<String, String> details) {
        return new Provenance("e-" + id, eventName, Instant.parse(time), "us-west-2", "123456789012", "share", id,
                Optional.of(KEY), USER, "IAMUser", details);
    }

    @Test
    void expand_sharesInTheWindow_areIncidentsAndAFunctionRunningTheKeysLayerIsQuarantined() {
        String layer = "arn:aws:lambda:us-west-2:123456789012:layer:xmrig-lib:1";
        String owners = "arn:aws:lambda:us-west-2:123456789012:function:image-resizer";
        ProvenanceStore store = mock(ProvenanceStore.class);
        when(store.touchedBy(KEY, "function")).thenReturn(List.of());
        when(store.touchedBy(KEY, "share")).thenReturn(List.of(
                share("layer:" + layer, "PublishLayerVersion20181031", "2026-11-20T03:12:40Z", java.util.Map.of()),
                share("function-permission:" + owners + "#open", "AddPermission20150331v2", "2026-11-20T03:12:31Z",
                        java.util.Map.of("principal", "*")),
                share("snapshot:snap-1", "ModifySnapshotAttribute", "2026-11-20T03:14:05Z", java.util.Map.of())));
        // Attached by another identity (one the incident created): the function runs the key's code all the same.
        when(store.history(layer)).thenReturn(List.of(new Provenance("e-attach", "UpdateFunctionConfiguration20150331v2",
                Instant.parse("2026-11-20T03:12:52Z"), "us-west-2", "123456789012", "layer-use", layer,
                Optional.of("AKIAI44QH8DHBEXAMPLE"), "arn:aws:iam::123456789012:user/backdoor", "IAMUser",
                java.util.Map.of("function", owners))));

        List<Signal> signals = new FunctionSweeper(store, region -> null, 10).expand(request()).contain();

        assertThat(signals).extracting(Signal::subject).containsExactly("layer:" + layer, owners,
                "function-permission:" + owners + "#open");
        assertThat(((CompromisedFunction) signals.get(1)).facts().flatMap(FunctionFacts::creator)
                .map(Provenance::resourceId)).contains("layer:" + layer);
        assertThat(signals).extracting(IncidentIds::of).doesNotHaveDuplicates();
    }

    @Test
    void expand_sharesBeforeTheWindow_areLeftAlone() {
        ProvenanceStore store = mock(ProvenanceStore.class);
        when(store.touchedBy(KEY, "function")).thenReturn(List.of());
        when(store.touchedBy(KEY, "share")).thenReturn(List.of(share("function-permission:arn:aws:lambda:us-west-2:"
                + "123456789012:function:old#ci", "AddPermission20150331v2", "2026-10-01T00:00:00Z",
                java.util.Map.of("principal", "*"))));
        SweepRequest windowed = new SweepRequest(request().origin(), request().incidentId(), KEY,
                request().principalArn(), Instant.parse("2026-11-20T02:00:00Z"), request().implication(),
                Optional.empty());

        assertThat(new FunctionSweeper(store, region -> null, 10).expand(windowed).contain()).isEmpty();
    }
}

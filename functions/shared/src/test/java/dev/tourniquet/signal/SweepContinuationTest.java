package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The "Sweep Continued" chain event: read into the same sweep, for the one function it names. */
class SweepContinuationTest {
    private final SignalParser parser = new SignalParser();

    private ParseResult.Sweep sweep(ObjectNode event) {
        return (ParseResult.Sweep) parser.parse(event);
    }

    @Test
    void parse_continuationSample_isTheSameSweepAtHopOneForItsFunction() {
        ParseResult.Sweep continued = sweep(Samples.load("tourniquet-sweep-continued.json"));
        ParseResult.Sweep first = sweep(Samples.load("tourniquet-credential-contained.json"));

        assertThat(continued.continuation()).isEqualTo(new SweepContinuation("8a2e4c6b-1f3d-4a5e-9b7c-0d1e2f3a4b5c", 1,
                Optional.of("quarantine-function")));
        assertThat(continued.request().incidentId()).isEqualTo(first.request().incidentId());
        assertThat(continued.request().accessKeyId()).isEqualTo(first.request().accessKeyId());
        assertThat(continued.request().principalArn()).isEqualTo(first.request().principalArn());
        assertThat(continued.request().windowStart()).isEqualTo(first.request().windowStart());
        assertThat(continued.request().implication()).isEqualTo(first.request().implication());
        // The chain is the first event's id: its duplicates continue as one chain.
        assertThat(first.continuation()).isEqualTo(new SweepContinuation(
                Samples.load("tourniquet-credential-contained.json").path("id").asText(), 0, Optional.empty()));
    }

    @Test
    void detail_ofTheNextHop_readsBackAsTheSameRequest() {
        ParseResult.Sweep first = sweep(Samples.load("tourniquet-credential-compromised.json")
                .put("detail-type", ChainEvents.CREDENTIAL_CONTAINED).put("id", "chain-1"));
        SweepRequest creator = first.request().within(Instant.parse("2026-11-20T02:00:00Z"), Implication.CREATOR,
                Optional.of("arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1"));
        SweepContinuation next = first.continuation().next("isolate-instance");
        ObjectNode event = Samples.load("tourniquet-sweep-continued.json");
        event.set("detail", next.detail(creator));

        ParseResult.Sweep read = sweep(event);

        assertThat(read.continuation()).isEqualTo(new SweepContinuation("chain-1", 1, Optional.of("isolate-instance")));
        assertThat(read.request().windowStart()).isEqualTo(creator.windowStart());
        assertThat(read.request().implication()).isEqualTo(Implication.CREATOR);
        assertThat(read.request().flaggedResource()).isEqualTo(creator.flaggedResource());
        assertThat(read.request().principalArn()).isEqualTo(creator.principalArn());
        assertThat(read.request().incidentId()).isEqualTo(creator.incidentId());
    }

    @Test
    void parse_withoutFunctionOrWithABadHop_isRejected() {
        ObjectNode noFunction = Samples.load("tourniquet-sweep-continued.json");
        ((ObjectNode) noFunction.path("detail")).remove("function");
        ObjectNode listed = Samples.load("tourniquet-sweep-continued.json");
        ((ObjectNode) listed.path("detail")).putArray("function").add("quarantine-function");
        ObjectNode hopZero = Samples.load("tourniquet-sweep-continued.json");
        ((ObjectNode) hopZero.path("detail")).put("hop", 0);
        ObjectNode hopText = Samples.load("tourniquet-sweep-continued.json");
        ((ObjectNode) hopText.path("detail")).put("hop", "2");
        ObjectNode noChain = Samples.load("tourniquet-sweep-continued.json");
        ((ObjectNode) noChain.path("detail")).remove("chain");

        assertThat(java.util.List.of(noFunction, listed, hopZero, hopText, noChain))
                .allSatisfy(e -> assertThat(parser.parse(e)).isInstanceOf(ParseResult.Rejected.class));
    }

    @Test
    void isFor_firstIsEveryFunctions_continuationOnlyItsOwn() {
        SweepContinuation first = new SweepContinuation("c", 0, Optional.empty());
        SweepContinuation next = first.next("isolate-instance");

        assertThat(first.isFor("quarantine-function")).isTrue();
        assertThat(next.isFor("isolate-instance")).isTrue();
        assertThat(next.isFor("quarantine-function")).isFalse();
        assertThat(next.hop()).isEqualTo(1);
        assertThat(next.chain()).isEqualTo("c");
    }

    @Test
    void exhausted_afterTwentyHops() {
        assertThat(new SweepContinuation("c", SweepContinuation.MAX_HOPS - 1, Optional.of("f")).exhausted()).isFalse();
        assertThat(new SweepContinuation("c", SweepContinuation.MAX_HOPS, Optional.of("f")).exhausted()).isTrue();
    }
}

package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.Optional;

/**
 * Where a sweep stands in its chain of invocations: the first ({@code Credential Contained}, hop 0) or a continuation
 * ({@link ChainEvents#SWEEP_CONTINUED}, hop 1 and on) that one function put for itself because the previous
 * invocation ran out of time. A continuation names the function it is for: a rule on Tourniquet's bus (whose policy
 * lets only Tourniquet's roles put events) routes it back to that function alone, and any other function ignores it.
 *
 * @param chain    the id of the event that started the chain (the {@code Credential Contained} event): duplicate
 *                 deliveries of it share it, so that they continue as one chain; a new event starts a new one
 * @param hop      how many invocations came before this one
 * @param function the function the continuation is for; empty for the first invocation (any sweeping function)
 */
public record SweepContinuation(String chain, int hop, Optional<String> function) {
    /**
     * How many continuations a chain may have: 20 more invocations of up to 900 s each is five hours of sweeping,
     * far beyond what any account's control-plane limits require for what one key created; a chain that is still not
     * done is a loop or a fault, stopped and alerted.
     */
    public static final int MAX_HOPS = 20;

    /** The first invocation of a sweep: the chain is the event that asked for it. */
    public static SweepContinuation first(Origin origin) {
        return new SweepContinuation(origin.eventId(), 0, Optional.empty());
    }

    /** The continuation this invocation leaves for {@code function}. */
    public SweepContinuation next(String function) {
        return new SweepContinuation(chain, hop + 1, Optional.of(function));
    }

    /** Whether a chain at this hop may not continue again. */
    public boolean exhausted() {
        return hop >= MAX_HOPS;
    }

    /** Whether {@code handler} is the function this invocation is for (the first is for every sweeping function). */
    public boolean isFor(String handler) {
        return function.map(handler::equals).orElse(true);
    }

    /**
     * The detail of the {@link ChainEvents#SWEEP_CONTINUED} event that continues {@code request}: the same request's
     * fields (read back by {@link ChainEventParser} into the same sweep), and this continuation's.
     */
    public ObjectNode detail(SweepRequest request) {
        ObjectNode detail = Json.object().put("incidentId", request.incidentId())
                .put("accessKeyId", request.accessKeyId()).put("windowStart", request.windowStart().toString())
                .put("implication", request.implication().id());
        request.principalArn().ifPresent(arn -> detail.put("principalArn", arn));
        request.flaggedResource().ifPresent(flagged -> detail.put("flaggedResource", flagged));
        function.ifPresent(f -> detail.put("function", f));
        return detail.put("chain", chain).put("hop", hop);
    }

    /** The continuation a {@link ChainEvents#SWEEP_CONTINUED} detail names; empty without its function or hop. */
    static Optional<SweepContinuation> of(JsonNode detail) {
        Optional<String> function = Json.text(detail, "/function").filter(f -> !f.isBlank());
        Optional<String> chain = Json.text(detail, "/chain").filter(c -> !c.isBlank());
        JsonNode hop = detail.path("hop");
        if (function.isEmpty() || chain.isEmpty() || !hop.isIntegralNumber() || !hop.canConvertToInt() || hop.asInt() < 1) {
            return Optional.empty();
        }
        return Optional.of(new SweepContinuation(chain.get(), hop.asInt(), function));
    }
}

package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./tourniquet confirm INCIDENT}: a person judged a resource held beyond a creator sweep's count malicious, and
 * it is quarantined in full now, as the sweep would have contained it within its count: an incident of its own
 * ({@code confirm:HOLD}, so confirming twice does nothing twice), found by a sweep (no further chain event). The
 * hold's stopping call stays recorded under the hold's incident: releasing both gives everything back.
 */
public final class HoldConfirmation {
    /** The detail-type of the confirmation's raw event, as the evidence records it. */
    public static final String DETAIL_TYPE = "Hold Confirmed";

    private HoldConfirmation() {}

    /** The delivery that contains the held resource in full; empty for a resource of a kind no hold is made of. */
    public static Optional<Delivery> delivery(IncidentStore.HeldResource hold, Instant now) {
        Origin origin = new Origin("confirm-" + hold.incidentId(), ChainEvents.SOURCE, DETAIL_TYPE,
                Optional.of("confirm:" + hold.incidentId()), Optional.of(ChainEvents.CREDENTIAL_CONTAINED), 0, "",
                hold.accountId(), hold.region(), now, false);
        String reason = "held beyond a creator sweep's count (incident " + hold.incidentId()
                + "), confirmed malicious by a person";
        Optional<Signal> signal = switch (hold.signalType()) {
            case "function" -> FunctionArn.parse(hold.subject()).map(arn -> new CompromisedFunction(origin,
                    arn.unqualified(), arn.name(), arn.region(), Optional.empty(), reason));
            case "instance" -> Optional.of(new CompromisedInstance(origin, hold.subject(), hold.region(),
                    Optional.empty(), List.of(), false, true, reason));
            default -> Optional.empty();
        };
        ObjectNode raw = Json.object().put("id", origin.eventId()).put("source", ChainEvents.SOURCE)
                .put("detail-type", DETAIL_TYPE).put("account", hold.accountId()).put("region", hold.region())
                .put("time", now.toString());
        raw.putObject("detail").put("incidentId", hold.incidentId()).put("resource", hold.subject());
        return signal.map(s -> new Delivery(origin.eventId(), new ParseResult.Signals(List.of(s)), raw));
    }
}

package dev.tourniquet.step.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.NotYetConsistentException;
import dev.tourniquet.signal.ChainEvents;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Puts Tourniquet's chain events on its own bus ({@code events:PutEvents} on that bus only). An entry EventBridge
 * refuses is thrown as transient, so that the delivery that wanted it is retried.
 */
public final class ChainEventBus {
    public static final List<String> PERMISSIONS = List.of("events:PutEvents");

    private final Supplier<EventBridgeClient> events;
    private final String busName;

    /** @param events asked for the client only when an event is put (a cold start builds it late) */
    public ChainEventBus(Supplier<EventBridgeClient> events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    public String busName() {
        return busName;
    }

    /** Puts one chain event; returns its EventBridge id. */
    public String put(String detailType, ObjectNode detail) {
        PutEventsResponse response = events.get().putEvents(r -> r.entries(e -> e.eventBusName(busName)
                .source(ChainEvents.SOURCE).detailType(detailType).detail(Json.write(detail))
                .resources(List.of())));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new NotYetConsistentException("EventBridge refused the chain event: "
                    + response.entries().get(0).errorCode() + " " + response.entries().get(0).errorMessage());
        }
        return response.entries().get(0).eventId();
    }
}

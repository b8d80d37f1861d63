package dev.tourniquet.step.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Puts one Tourniquet chain event on Tourniquet's own bus, where a rule routes it to the function that
 * acts on it. Keeping each hop an event keeps each function's permissions small and every hop visible.
 *
 * <p>IAM actions: {@code events:PutEvents} (on Tourniquet's bus only). Undo: nothing to undo; what the
 * receiving function does is recorded, and undone, in its own incident.
 */
public final class EmitChainEvent implements Step {
    private final ChainEventBus bus;
    private final String detailType;
    private final String subject;
    private final ObjectNode detail;

    /**
     * @param events     asked for the client only when the event is put: a cold start builds the EventBridge
     *                   client after the containment steps before it, not while planning them
     * @param detailType {@link ChainEvents#CREDENTIAL_COMPROMISED} or {@link ChainEvents#CREDENTIAL_CONTAINED}
     * @param subject    the credential the event is about (the step's target)
     * @param detail     the event detail; {@code incidentId} is added when run
     */
    public EmitChainEvent(Supplier<EventBridgeClient> events, String busName, String detailType, String subject,
                          ObjectNode detail) {
        this.bus = new ChainEventBus(events, busName);
        this.detailType = detailType;
        this.subject = subject;
        this.detail = detail.deepCopy();
    }

    @Override
    public StepKind kind() {
        return ChainEvents.CREDENTIAL_CONTAINED.equals(detailType) ? ChainEventStepKinds.EMIT_CREDENTIAL_CONTAINED
                : ChainEventStepKinds.EMIT_CREDENTIAL_COMPROMISED;
    }

    @Override
    public String target() {
        return subject;
    }


    @Override
    public String undo() {
        return "nothing to undo: the receiving function records and undoes its own actions";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode sent = detail.deepCopy().put("incidentId", context.incidentId());
        ObjectNode prior = Json.object().put("bus", bus.busName()).put("detailType", detailType);
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would emit '" + detailType + "' for " + subject);
        }
        return new StepResult.Applied(prior, "emitted '" + detailType + "' for " + subject + " as event "
                + bus.put(detailType, sent));
    }
}

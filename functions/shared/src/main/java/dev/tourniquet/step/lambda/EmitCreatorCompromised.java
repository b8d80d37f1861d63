package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.events.ChainEventStepKinds;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.cloudtrail.CreatorLookup;
import dev.tourniquet.step.events.EmitChainEvent;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Names the credential behind the function to the credential function: the "Credential Compromised" chain
 * event ({@link EmitChainEvent}) for the latest caller that created or changed the function. The caller
 * comes from Tourniquet's provenance records (read before planning); only when those have nothing is
 * CloudTrail LookupEvents asked, here, after containment, because it is rate-limited and minutes behind.
 * Nothing is emitted for an unknown caller, a caller without an access key, an exempt principal or one of
 * Tourniquet's own roles (the credential function checks the principal's exempt tag again).
 *
 * <p>IAM actions: {@code events:PutEvents} (Tourniquet's bus), {@code cloudtrail:LookupEvents}. Undo: nothing
 * to undo here; the credential function records, and undoes, its own actions.
 */
public final class EmitCreatorCompromised implements Step {
    private final Supplier<EventBridgeClient> events;
    private final String busName;
    private final FunctionArn function;
    private final Optional<Provenance> recorded;
    private final CreatorLookup lookup;
    private final Function<String, Optional<String>> exemption;
    private final String finding;
    private final java.time.Instant firstSeen;

    /**
     * @param events    asked for the client when the event is sent, after the containment steps
     * @param recorded  the caller from provenance, when known
     * @param exemption why a caller's ARN must not be named (exempt, or Tourniquet's own), if it must not
     * @param finding   why the function was quarantined, for the chain event's reason
     * @param firstSeen when the finding first saw the function's activity: the creator's window opens before it
     */
    public EmitCreatorCompromised(Supplier<EventBridgeClient> events, String busName, FunctionArn function,
                                  Optional<Provenance> recorded, CreatorLookup lookup,
                                  Function<String, Optional<String>> exemption,
                                  String finding, java.time.Instant firstSeen) {
        this.events = events;
        this.busName = busName;
        this.function = function;
        this.recorded = recorded;
        this.lookup = lookup;
        this.exemption = exemption;
        this.finding = finding;
        this.firstSeen = firstSeen;
    }

    @Override
    public StepKind kind() {
        return ChainEventStepKinds.EMIT_CREDENTIAL_COMPROMISED;
    }

    @Override
    public String target() {
        return recorded.flatMap(Provenance::accessKeyId).orElse("creator of " + function.name());
    }

    // The kind's PutEvents, and the CloudTrail read that finds the creator when provenance has none.
    @Override
    public List<String> permissions() {
        return java.util.stream.Stream.concat(kind().permissions().stream(), CreatorLookup.PERMISSIONS.stream()).toList();
    }

    @Override
    public String undo() {
        return "nothing to undo: the credential function records and undoes its own actions";
    }

    @Override
    public StepResult run(StepContext context) {
        String source = recorded.isPresent() ? "provenance" : "CloudTrail LookupEvents";
        Optional<Provenance> creator = recorded.or(() -> lookup.latest(function.region(), function.name(),
                function.unqualified()));
        if (creator.isEmpty()) {
            return new StepResult.Skipped("creator of " + function.name() + " unknown: no provenance record, and"
                    + " CloudTrail LookupEvents has none (yet: it runs minutes behind)");
        }
        Provenance caller = creator.get();
        Optional<String> exempt = exemption.apply(caller.principalArn());
        if (exempt.isPresent()) {
            return new StepResult.Skipped("creator " + caller.principalArn() + " not named: " + exempt.get());
        }
        if (caller.accessKeyId().isEmpty()) {
            return new StepResult.Skipped("creator " + caller.principalArn() + " signed with no access key");
        }
        ObjectNode detail = Json.object().put("accessKeyId", caller.accessKeyId().get())
                .put("principalArn", caller.principalArn()).put("principalType", caller.principalType())
                .put("resourceArn", function.unqualified()).put("attribution", source)
                // Implicated only as this function's creator: its sweep is bounded by the function's shape.
                .put("implication", dev.tourniquet.signal.Implication.CREATOR.id())
                .put("flaggedResource", function.unqualified()).put("firstSeen", firstSeen.toString())
                .put("reason", caller.eventName() + " on Lambda function " + function.name() + " at " + caller.time()
                        + ", quarantined: " + finding);
        return new EmitChainEvent(events, busName, ChainEvents.CREDENTIAL_COMPROMISED, caller.accessKeyId().get(),
                detail).run(context);
    }
}

package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * Disables every event source mapping (SQS, Kinesis, DynamoDB streams, Kafka …) of the function, its
 * versions and aliases: the records stay in their source, unconsumed, for the investigation. Mappings are
 * disabled, never deleted.
 *
 * <p>IAM actions: {@code lambda:ListEventSourceMappings}, {@code lambda:UpdateEventSourceMapping}. Undo:
 * {@code aws lambda update-event-source-mapping --uuid UUID --enabled} for each mapping recorded as enabled.
 */
public final class DisableEventSourceMappings extends FunctionStep {
    private static final Set<String> OFF = Set.of("Disabled", "Disabling");

    private final LambdaClient lambda;

    public DisableEventSourceMappings(LambdaClient lambda, FunctionArn function) {
        super(function);
        this.lambda = lambda;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.DISABLE_EVENT_SOURCE_MAPPINGS;
    }

    @Override
    public String undo() {
        return "aws lambda update-event-source-mapping --region " + function.region()
                + " --enabled --uuid UUID, for each mapping recorded as enabled";
    }

    @Override
    public StepResult run(StepContext context) {
        List<EventSourceMappingConfiguration> mappings = FunctionReads.eventSourceMappings(lambda, function);
        if (mappings.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: " + function.name() + " has no event source mapping");
        }
        ObjectNode prior = prior();
        ArrayNode listed = prior.putArray("mappings");
        mappings.forEach(m -> listed.addObject().put("uuid", m.uuid()).put("state", m.state())
                .put("eventSourceArn", m.eventSourceArn()).put("functionArn", m.functionArn()));
        List<String> enabled = mappings.stream().filter(m -> !OFF.contains(m.state()))
                .map(EventSourceMappingConfiguration::uuid).toList();
        if (enabled.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "every event source mapping already disabled");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would disable " + enabled.size() + " event source mapping(s) of "
                    + function.name());
        }
        context.changing(prior);
        enabled.forEach(uuid -> lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(false)));
        Verification.until("event source mappings of " + function.name() + " disabled", () -> FunctionReads
                .eventSourceMappings(lambda, function).stream()
                .filter(m -> enabled.contains(m.uuid())).allMatch(m -> OFF.contains(m.state())));
        return new StepResult.Applied(prior, "disabled " + enabled.size() + " event source mapping(s) of "
                + function.name() + ": " + String.join(", ", enabled));
    }
}

package dev.tourniquet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.edge.AwsClients;
import dev.tourniquet.step.Reversal;
import dev.tourniquet.step.iam.IamReversals;
import dev.tourniquet.step.lambda.LambdaReversals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What {@code ./tourniquet release} does with one incident: each applied step undone, newest first. */
final class Releases {
    private static final Map<String, Reversal> BY_STEP = Stream.concat(IamReversals.all().stream(),
            LambdaReversals.all().stream()).collect(Collectors.toMap(Reversal::stepId, Function.identity()));

    private Releases() {}

    /** @param incident an incident as a handler answered it ({@code steps[] {step, target, result, prior}}) */
    static List<String> release(JsonNode incident, AwsClients clients) {
        List<JsonNode> steps = new ArrayList<>();
        incident.path("steps").forEach(steps::add);
        List<String> released = new ArrayList<>();
        for (JsonNode step : steps.reversed()) {
            Reversal reversal = BY_STEP.get(step.path("step").asText());
            if ("applied".equals(step.path("result").asText()) && reversal != null) {
                released.add(reversal.release(step.path("prior"), step.path("target").asText(), clients));
            }
        }
        return released;
    }
}

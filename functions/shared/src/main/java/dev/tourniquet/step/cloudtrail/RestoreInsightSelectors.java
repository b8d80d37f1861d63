package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.InsightSelector;

/**
 * Puts back the Insights types (unusual API call rates and error rates) the baseline recorded on a trail, when a
 * {@code PutInsightSelectors} removed any of them. Types added since are kept.
 *
 * <p>IAM actions: {@code cloudtrail:GetInsightSelectors}, {@code cloudtrail:PutInsightSelectors}. Undo: {@code aws
 * cloudtrail put-insight-selectors --trail-name TRAIL} with the types recorded as prior state.
 */
public final class RestoreInsightSelectors extends TrailRestoration {
    public RestoreInsightSelectors(CloudTrailClient cloudTrail, String region, String trail, Optional<JsonNode> baseline) {
        super(cloudTrail, region, trail, baseline);
    }

    @Override
    public StepKind kind() {
        return CloudTrailStepKinds.RESTORE_INSIGHT_SELECTORS;
    }

    @Override
    public String undo() {
        return "aws cloudtrail put-insight-selectors --trail-name " + trail + " --region " + region
                + " with the types recorded as prior state";
    }

    @Override
    public StepResult run(StepContext context) {
        if (baseline.isEmpty()) {
            return new StepResult.Skipped("no baseline of trail " + trail + ": set its Insights back by hand");
        }
        Set<String> now = current();
        ObjectNode prior = Json.object().put("region", region).put("trail", trail);
        ArrayNode types = prior.putArray("insightTypes");
        now.forEach(types::add);
        Set<String> wanted = new TreeSet<>(now);
        baseline.get().path("insightSelectors").forEach(s -> wanted.add(s.path("insightType").asText()));
        if (wanted.equals(now)) {
            return new StepResult.AlreadyApplied(prior, "trail " + trail + " has every recorded Insights type");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would put Insights " + wanted + " back on trail " + trail);
        }
        context.changing(prior);
        List<InsightSelector> selectors = wanted.stream().map(t -> InsightSelector.builder().insightType(t).build()).toList();
        cloudTrail.putInsightSelectors(r -> r.trailName(trail).insightSelectors(selectors));
        Verification.until("Insights " + wanted + " on trail " + trail, () -> current().containsAll(wanted));
        return new StepResult.Applied(prior, "put Insights " + wanted + " back on trail " + trail + " (was " + now + ")");
    }

    private Set<String> current() {
        Set<String> types = new TreeSet<>();
        cloudTrail.getInsightSelectors(r -> r.trailName(trail)).insightSelectors()
                .forEach(s -> types.add(s.insightTypeAsString()));
        return types;
    }
}

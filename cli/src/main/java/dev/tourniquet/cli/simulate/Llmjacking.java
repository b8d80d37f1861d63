package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LLMjacking in the simulated attack: from its first call, the attacker spends the leaked key on Bedrock, a minute of
 * {@link #PER_MINUTE} {@code InvokeModel} calls at a time, until the key is refused. Invocations create no resource:
 * they are one {@link AttackerResource.Kind#MODEL_INVOCATIONS} outcome, contained when the key is. Their CloudTrail
 * records go to the event history only (no rule routes invocations: README "Bedrock and LLMjacking"); GuardDuty's
 * AI Protection reports the key ({@code Impact:IAMUser/CostHarvesting}) after its delay.
 */
final class Llmjacking {
    static final String MODEL = "anthropic.claude-3-opus-20240229-v1:0";
    static final String REGION = "us-east-1";
    static final int PER_MINUTE = 6;
    static final int INPUT_TOKENS = 2_000;
    static final int OUTPUT_TOKENS = 1_000;

    private final Scene scene;
    private Optional<AttackerResource> invocations = Optional.empty();
    private boolean refusalShown;

    Llmjacking(Scene scene) {
        this.scene = scene;
    }

    /** What one minute of invocations did, for the timeline; {@code created} the outcome, on the first minute. */
    record Minute(boolean made, Optional<String> text, Optional<AttackerResource> created) {
    }

    /** The minutes the attacker invokes in: from {@code first}, every minute until {@code end}. */
    static List<Duration> minutes(Duration first, Duration end) {
        List<Duration> minutes = new ArrayList<>();
        for (Duration at = first; at.compareTo(end) <= 0; at = at.plusMinutes(1)) {
            minutes.add(at);
        }
        return minutes;
    }

    /**
     * One minute of invocations at {@code now}, unless {@code blocked} says why the key is refused.
     *
     * @param historyDelay how long CloudTrail takes to put a record in the event history
     */
    Minute invoke(Duration now, Optional<String> blocked, Duration historyDelay) {
        if (blocked.isPresent()) {
            boolean first = !refusalShown;
            refusalShown = true;
            return new Minute(false, first ? Optional.of("bedrock:InvokeModel " + MODEL + " (" + REGION
                    + ") refused: " + blocked.get() + " (and every minute after)") : Optional.empty(), Optional.empty());
        }
        for (int i = 0; i < PER_MINUTE; i++) {
            ObjectNode event = scene.signals().cloudTrail(new CloudTrailRecord("bedrock", "InvokeModel", REGION,
                    Json.object().put("modelId", MODEL), null), now.plusSeconds(10L * i), now.plusSeconds(10L * i));
            // The runtime's host, as CloudTrail records it for InvokeModel.
            ((ObjectNode) event.at("/detail/tlsDetails")).put("clientProvidedHostHeader",
                    "bedrock-runtime." + REGION + ".amazonaws.com");
            ((ObjectNode) event.path("detail")).put("readOnly", true);
            scene.history().record(REGION, event.path("detail"),
                    scene.clock().instant(now.plusSeconds(10L * i).plus(historyDelay)));
        }
        Optional<AttackerResource> created = Optional.empty();
        if (invocations.isEmpty()) {
            invocations = Optional.of(new AttackerResource(AttackerResource.Kind.MODEL_INVOCATIONS,
                    "bedrock/" + scene.key().accessKeyId(), REGION, MODEL + " with " + scene.key().accessKeyId(), now,
                    scene.key().accessKeyId()));
            created = invocations;
        }
        return new Minute(true, Optional.of("bedrock:InvokeModel " + MODEL + " x " + PER_MINUTE + " (" + REGION
                + ", " + (INPUT_TOKENS + OUTPUT_TOKENS) + " tokens each; CloudTrail history only)"), created);
    }
}

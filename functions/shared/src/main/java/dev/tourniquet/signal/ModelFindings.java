package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GuardDuty AI Protection findings (Bedrock and SageMaker model invocations, "LLMjacking"). Their resource is the
 * {@code AccessKey} that invoked, so the credential path contains it; this class adds what is theirs: the models the
 * finding names ({@code resource.modelDetails[].modelId}) for the alert, and which type makes the owner's application
 * the victim ({@code PromptInjection.Direct}: a guardrail stopped a prompt sent <em>to</em> the owner's app, whose
 * key did nothing wrong), alerted only.
 *
 * <p>All three types default to severity Low: no severity filter may stand between them and the credential function.
 *
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/ug/findings-ai-protection.html">AI Protection finding
 *     types</a>
 */
public final class ModelFindings {
    /** The AI Protection finding types whose key is contained (the attacker's invocations). */
    public static final Set<String> CONTAINED = Set.of("Impact:IAMUser/AnomalousModelInvocation",
            "Impact:IAMUser/CostHarvesting");
    /** The AI Protection finding type whose key is the owner application's: the prompt, not the key, is the attack. */
    public static final String PROMPT_INJECTION = "Impact:IAMUser/PromptInjection.Direct";

    private ModelFindings() {}

    /** Whether the signal comes from a finding that makes the key's owner the victim: alert, never contain. */
    public static boolean victimOnly(Origin origin) {
        return origin.findingType().filter(PROMPT_INJECTION::equals).isPresent();
    }

    /** The model ids an AI Protection finding names, in its order, without repeats. */
    static List<String> models(JsonNode detail) {
        List<String> models = new ArrayList<>();
        for (JsonNode model : detail.path("resource").path("modelDetails")) {
            Json.text(model, "/modelId").filter(id -> !models.contains(id)).ifPresent(models::add);
        }
        return models;
    }

    /** The guardrails a prompt-injection finding names (their ARNs). */
    static List<String> guardrails(JsonNode detail) {
        List<String> guardrails = new ArrayList<>();
        JsonNode details = detail.path("resource").path("bedrockGuardrailDetails");
        for (JsonNode guardrail : details.path("guardrails")) {
            Json.text(guardrail, "/arn").ifPresent(guardrails::add);
        }
        // The deprecated single fields, still sent beside the list.
        Json.text(details, "/guardrailArn").filter(arn -> !guardrails.contains(arn)).ifPresent(guardrails::add);
        return guardrails;
    }

    /**
     * The finding's reason for the alert: its title, with the models invoked (or the guardrail that intervened) named,
     * so the person reading it knows which model access to review and what the spend was on.
     */
    static String reason(JsonNode detail, String title) {
        List<String> models = models(detail);
        if (!models.isEmpty()) {
            return title + " (models invoked: " + String.join(", ", models) + ")";
        }
        List<String> guardrails = guardrails(detail);
        String type = Json.text(detail, "/type").orElse("");
        if (PROMPT_INJECTION.equals(type)) {
            return title + " (guardrail " + (guardrails.isEmpty() ? "unnamed" : String.join(", ", guardrails))
                    + " intervened"
                    + Json.text(detail, "/resource/bedrockGuardrailDetails/guardrailSource").map(s -> " on the " + s
                            .toLowerCase(java.util.Locale.ROOT)).orElse("") + ")";
        }
        return title;
    }

    /** The alert of a prompt-injection finding: the owner's application was attacked, its key is not contained. */
    public static String victimAlert(String reason, Optional<String> principal) {
        return reason + ". A prompt sent to your application tried to override its instructions; the application's"
                + " credential" + principal.map(p -> " (" + p + ")").orElse("") + " is the victim, not the attacker,"
                + " and is not contained. Review the application's inputs and its guardrail.";
    }
}

package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Amazon Bedrock's CloudTrail records into provenance of model access (LLMjacking): {@code
 * PutUseCaseForModelAccess} (the use-case form that opens Anthropic models to an account; it names no model) and
 * {@code CreateFoundationModelAgreement} (a Marketplace model's offer accepted; {@code modelId}), and model
 * invocations ({@code InvokeModel}, {@code Converse} …, read from CloudTrail history: no rule routes them, for their
 * volume). They create nothing to contain: they are judged by the footprint (an invocation outside
 * {@code AllowedRegions} is its caller's breach) and by the incident of their key, never contained on their own.
 */
public final class BedrockEventReader {
    /** A model opened to the account (use case or agreement). */
    public static final String MODEL_ACCESS = "bedrock-model-access";
    /** A model invoked ({@code resourceId} {@code model-invocation/REGION/MODEL}). */
    public static final String MODEL_INVOCATION = "bedrock-model-invocation";
    /** The model a record names, in {@link Provenance#details()}. */
    public static final String MODEL_ID = "modelId";
    static final Set<String> ACCESS_EVENTS = Set.of("PutUseCaseForModelAccess", "CreateFoundationModelAgreement");
    /** The invocations CloudTrail records as management events (in LookupEvents' history, 90 days). */
    public static final List<String> INVOCATION_EVENTS = List.of("InvokeModel", "InvokeModelWithResponseStream",
            "Converse", "ConverseStream");

    private BedrockEventReader() {}

    /** Whether a record is Bedrock's (the control plane and the runtime log the same {@code eventSource}). */
    static boolean reads(JsonNode record) {
        return "bedrock.amazonaws.com".equals(record.path("eventSource").asText());
    }

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        if (!reads(record)) {
            return List.of();
        }
        String model = Json.text(record, "/responseElements/modelId")
                .or(() -> Json.text(record, "/requestParameters/modelId")).orElse("");
        if (ACCESS_EVENTS.contains(caller.eventName())) {
            // One record per model (the use-case form names none: the account's model access in that region).
            String id = "model-access/" + caller.region() + (model.isEmpty() ? "" : "/" + model);
            return List.of(caller.provenance(MODEL_ACCESS, id, model.isEmpty() ? Map.of() : Map.of(MODEL_ID, model)));
        }
        if (INVOCATION_EVENTS.contains(caller.eventName()) && !model.isEmpty()) {
            return List.of(caller.provenance(MODEL_INVOCATION, "model-invocation/" + caller.region() + "/" + model,
                    Map.of(MODEL_ID, model)));
        }
        return List.of();
    }
}

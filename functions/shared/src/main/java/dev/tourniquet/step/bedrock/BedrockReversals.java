package dev.tourniquet.step.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;

/**
 * The undo of each Bedrock step ({@link BedrockStepKinds}) from its recorded prior state ({@code {region,
 * loggingConfig}}): the logging configuration the tampering left, put back only because the owner asked with
 * {@code ./tourniquet release}.
 */
final class BedrockReversals {
    private BedrockReversals() {}

    static String restoreLogging(JsonNode prior, String target, AwsClients clients) {
        String region = prior.path("region").asText();
        var bedrock = ModelInvocationLogging.client(clients, region);
        return ModelInvocationLogging.configOf(prior).map(config -> {
            bedrock.putModelInvocationLoggingConfiguration(r -> r.loggingConfig(ModelInvocationLogging.fromJson(config)));
            return "model invocation logging in " + region + " set back to the configuration the tampering left";
        }).orElseGet(() -> {
            bedrock.deleteModelInvocationLoggingConfiguration(r -> { });
            return "model invocation logging in " + region + " turned off again, as the tampering left it";
        });
    }
}

package dev.tourniquet.step.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.step.Reversal;

/** The undo of the ECS steps that change something a release can give back ({@link ScaleServiceToZero}). */
final class EcsReversals {
    private EcsReversals() {}

    /** Undoes {@code scale-service-to-zero}: the service's recorded desired count comes back. */
    static final class RestoreDesiredCount implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            int desired = prior.path("desiredCount").asInt();
            String cluster = prior.path("cluster").asText();
            EcsClients.ecs(clients, prior.path("region").asText()).updateService(r -> r.cluster(cluster)
                    .service(target).desiredCount(desired));
            return "service " + target + " back to a desired count of " + desired;
        }
    }
}

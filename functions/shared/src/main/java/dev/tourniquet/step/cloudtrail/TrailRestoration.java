package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.step.Step;
import java.util.Optional;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * What every step that puts a trail's configuration back from the baseline holds: the trail (its name or ARN, the
 * step's target), its region's client, and the configuration the baseline recorded, when there is one (without it
 * the step skips and says so).
 */
abstract class TrailRestoration implements Step {
    protected final CloudTrailClient cloudTrail;
    protected final String region;
    protected final String trail;
    protected final Optional<JsonNode> baseline;

    TrailRestoration(CloudTrailClient cloudTrail, String region, String trail, Optional<JsonNode> baseline) {
        this.cloudTrail = cloudTrail;
        this.region = region;
        this.trail = trail;
        this.baseline = baseline;
    }

    @Override
    public String target() {
        return trail;
    }
}

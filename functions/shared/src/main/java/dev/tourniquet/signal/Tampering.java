package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A call that weakened the account's sensors (a trail, a GuardDuty detector) or one of Tourniquet's own resources.
 *
 * @param weakening what the call did
 * @param eventName the CloudTrail event name
 * @param resource  what it was done to: a trail's name, a detector id, or an own resource's exact ARN (for the stack,
 *                  the stack name or id the call gave)
 * @param region    where it happened (where the undo is made)
 * @param caller    who did it
 * @param request   the call's {@code requestParameters} (and {@code responseElements} under {@code response})
 * @param baseline  the resource's recorded configuration from the last baseline, once the enricher read it
 */
public record Tampering(Origin origin, Weakening weakening, String eventName, String resource, String region,
                        Tamperer caller, ObjectNode request, Optional<JsonNode> baseline) implements Signal {

    public Tampering {
        request = request.deepCopy();
        baseline = baseline.map(JsonNode::deepCopy);
    }

    @Override
    public String subject() {
        return resource;
    }

    @Override
    public String signalType() {
        return "tampering";
    }

    /** The key of the resource's configuration in the baseline records (see {@link #baselineKey(String, String, String)}). */
    public String baselineKey() {
        return switch (weakening) {
            case TRAIL_STOPPED, TRAIL_DELETED, TRAIL_NARROWED, EVENT_SELECTORS_NARROWED, INSIGHT_SELECTORS_CHANGED ->
                    baselineKey("trail", region, trailName(resource));
            case DETECTOR_DELETED, DETECTOR_DISABLED, ADMINISTRATOR_DISASSOCIATED, ARCHIVE_FILTER_CREATED,
                 ARCHIVE_FILTER_UPDATED, TRUSTED_IP_SET, MEMBERS_UNMONITORED -> baselineKey("detector", region, resource);
            case MODEL_LOGGING_DELETED, MODEL_LOGGING_WEAKENED -> baselineKey("bedrock", region, resource);
            default -> baselineKey("own", region, resource);
        };
    }

    public Tampering withBaseline(Optional<JsonNode> recorded) {
        return new Tampering(origin, weakening, eventName, resource, region, caller, request, recorded);
    }

    /** {@code KIND#REGION#ID}: one baseline item (a trail by name, a detector by id, an own resource by ARN). */
    public static String baselineKey(String kind, String region, String id) {
        return kind + "#" + region + "#" + id;
    }

    /** A trail's name from a name or an ARN ({@code arn:P:cloudtrail:R:A:trail/NAME}). */
    public static String trailName(String nameOrArn) {
        int at = nameOrArn.indexOf(":trail/");
        return at < 0 ? nameOrArn : nameOrArn.substring(at + ":trail/".length());
    }
}

package dev.tourniquet.signal;

import java.util.Optional;
import java.util.Set;

/**
 * What launched an instance and would launch it again: an Auto Scaling group, a Spot Fleet, an EC2 Fleet or a
 * Spot request. Stopping such an instance is not enough when the source is the attacker's: the group or fleet
 * replaces it, a persistent request relaunches it. A one-time Spot request relaunches nothing, but its instance
 * cannot be stopped, only terminated.
 *
 * @param kind          what the source is
 * @param id            the group's name, the fleet's id ({@code sfr-…}, {@code fleet-…}) or the request's ({@code sir-…})
 * @param type          how it keeps capacity: a fleet's {@code maintain}, {@code request} or {@code instant}; a Spot
 *                      request's {@code persistent} or {@code one-time}; empty for a group or when not read
 * @param incidentOwned whether the contained key created it or changed its launch template or configuration (then
 *                      it is scaled to zero or cancelled); otherwise it is the owner's (the instance only leaves it)
 * @param why           the record that makes it the key's, or why it is the owner's, for the alert
 */
public record LaunchSource(Kind kind, String id, String type, boolean incidentOwned, String why) {

    /** The provenance types of the records that make a source the key's ({@link LaunchSourceEventReader}). */
    public static final String AUTO_SCALING_GROUP = "auto-scaling-group";
    public static final String LAUNCH_TEMPLATE = "launch-template";
    public static final String LAUNCH_CONFIGURATION = "launch-configuration";
    public static final String SPOT_FLEET = "spot-fleet";
    public static final String EC2_FLEET = "ec2-fleet";
    /** A Spot request: the instance sweep's own type (its records carry {@link #SPOT_TYPE}). */
    public static final String SPOT_REQUEST = "spot-request";
    /** The detail of a Spot request's or fleet's record naming its type. */
    public static final String SPOT_TYPE = "type";
    public static final Set<String> TYPES = Set.of(AUTO_SCALING_GROUP, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION,
            SPOT_FLEET, EC2_FLEET);

    /** The kinds of source. */
    public enum Kind { AUTO_SCALING_GROUP, SPOT_FLEET, EC2_FLEET, SPOT_REQUEST }

    public LaunchSource {
        type = type == null ? "" : type;
    }

    /** Whether it launches the instance (or a replacement) again after a stop or a termination. */
    public boolean respawns() {
        return switch (kind) {
            case AUTO_SCALING_GROUP -> true;
            case SPOT_FLEET, EC2_FLEET -> !"instant".equals(type);
            case SPOT_REQUEST -> "persistent".equals(type);
        };
    }

    /** A one-time Spot request's instance: EC2 can terminate it, never stop it. */
    public boolean oneTimeSpot() {
        return kind == Kind.SPOT_REQUEST && "one-time".equals(type);
    }

    /** Whether the source keeps its capacity (a group, a fleet of type maintain): it is scaled to zero, not cancelled. */
    public boolean maintains() {
        return kind == Kind.AUTO_SCALING_GROUP || "maintain".equals(type);
    }

    /** The source as the instance's own tags name it ({@code aws:autoscaling:groupName} …), if any. */
    public static Optional<LaunchSource> ofTags(java.util.Map<String, String> tags, String why) {
        if (tags.containsKey("aws:autoscaling:groupName")) {
            return Optional.of(new LaunchSource(Kind.AUTO_SCALING_GROUP, tags.get("aws:autoscaling:groupName"), "",
                    false, why));
        }
        if (tags.containsKey("aws:ec2spot:fleet-request-id")) {
            return Optional.of(new LaunchSource(Kind.SPOT_FLEET, tags.get("aws:ec2spot:fleet-request-id"), "", false,
                    why));
        }
        return Optional.ofNullable(tags.get("aws:ec2:fleet-id"))
                .map(id -> new LaunchSource(Kind.EC2_FLEET, id, "", false, why));
    }
}

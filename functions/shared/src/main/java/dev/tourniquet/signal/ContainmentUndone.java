package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CloudTrail record of a change that may undo one of Tourniquet's containments (a deactivated key made active
 * again, the quarantine or session-revocation policy removed, a quarantined function's concurrency restored or
 * its event source mapping enabled, an isolated instance started or given its security groups or instance profile
 * back), made by someone other than a release. Whether it did, and what to re-apply, is decided from the incident
 * holding the resource ({@link #hold}), which the flow reads from the records before planning.
 *
 * @param action     the CloudTrail event name ({@code UpdateAccessKey}, {@code PutFunctionConcurrency20171031} …)
 * @param resource   the resource as Tourniquet's steps name it: an access key id, {@code user/NAME},
 *                   {@code role/NAME}, a function's unqualified ARN, an instance id; or as a step holds it besides
 *                   its target: a network interface id, a rule ({@link #ruleKey})
 * @param parameters what the call named besides the resource ({@code policyArn}, {@code policyName},
 *                   {@code userName})
 * @param caller     who made the change
 * @param hold       the incidents holding the resource contained and their applied steps on it; empty until read
 */
public record ContainmentUndone(Origin origin, String action, String resource, Map<String, String> parameters,
                                Caller caller, Optional<Hold> hold) implements Signal {

    public ContainmentUndone {
        parameters = Map.copyOf(parameters);
    }

    @Override
    public String subject() {
        return resource;
    }

    @Override
    public String signalType() {
        return "containment_undone";
    }

    public ContainmentUndone withHold(Hold found) {
        return new ContainmentUndone(origin, action, resource, parameters, caller, Optional.of(found));
    }

    /**
     * How a rule is named as a held resource: {@code rule/REGION/BUS/NAME}, the bus by its name (an ARN's last part;
     * none: {@code default}).
     */
    public static String ruleKey(String region, String bus, String name) {
        String busName = bus == null || bus.isEmpty() ? "default" : bus.substring(bus.lastIndexOf('/') + 1);
        return "rule/" + region + "/" + busName + "/" + name;
    }

    /**
     * How a schedule is named as a held resource: {@code schedule/REGION/GROUP/NAME} (no group: {@code default}).
     */
    public static String scheduleKey(String region, String group, String name) {
        return "schedule/" + region + "/" + (group == null || group.isEmpty() ? "default" : group) + "/" + name;
    }

    /** A parameter the call named, or empty. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /**
     * Who made the change, as CloudTrail records it.
     *
     * @param principalArn  {@code userIdentity.arn} (a user's, or an assumed-role session's)
     * @param principalType {@code userIdentity.type} ({@code IAMUser}, {@code AssumedRole}, {@code AWSService} …)
     * @param accessKeyId   {@code userIdentity.accessKeyId}, when the call was signed with a key
     * @param invokedBy     {@code userIdentity.invokedBy}: the AWS service that made the call for its owner
     */
    public record Caller(String principalArn, String principalType, Optional<String> accessKeyId,
                         Optional<String> invokedBy) {

        /** An AWS service acting for the owner (never contained): invokedBy, an AWSService identity, a service-linked role. */
        public boolean isAwsService() {
            return ServiceCallers.isAwsService(principalType, principalArn, invokedBy);
        }
    }

    /**
     * The incidents holding the resource contained, and the steps they applied to it.
     *
     * @param steps the applied steps on the resource, as each holding incident recorded them, oldest hold first
     */
    public record Hold(List<HeldStep> steps) {
        public Hold {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One applied step as an incident recorded it: its kind's id, its target and the prior state it kept.
     *
     * @param incidentId the incident that applied it (whose release undoes it, and everything re-applied for it)
     */
    public record HeldStep(String incidentId, String step, String target, JsonNode prior) {
    }
}

package dev.tourniquet.signal;

import java.util.Map;
import java.util.Optional;

/**
 * What is known of an instance beyond the event that named it. A GuardDuty finding gives the tags and the
 * instance profile; before planning, the instance function reads them again from EC2 and IAM (a finding can
 * be minutes old) and adds the profile's role and the provenance of the launch.
 *
 * @param tags               the instance's tags
 * @param instanceProfileArn its instance profile, if any
 * @param roleArn            the role in that profile, once read from IAM
 * @param launchedBy         the CloudTrail record of the call that launched or started it, if recorded
 * @param exemptTagWriter    who wrote its exempt tag, when it carries one and it was read
 * @param launchSource       the group, fleet or Spot request that launched it and would launch it again, if any
 */
public record InstanceFacts(Map<String, String> tags, Optional<String> instanceProfileArn, Optional<String> roleArn,
                            Optional<Provenance> launchedBy, TagWriter exemptTagWriter,
                            Optional<LaunchSource> launchSource) {

    /** Facts with no launch source known. */
    public InstanceFacts(Map<String, String> tags, Optional<String> instanceProfileArn, Optional<String> roleArn,
                         Optional<Provenance> launchedBy, TagWriter exemptTagWriter) {
        this(tags, instanceProfileArn, roleArn, launchedBy, exemptTagWriter, Optional.empty());
    }

    /** Facts without the exempt tag's writer (none carried, or not read). */
    public InstanceFacts(Map<String, String> tags, Optional<String> instanceProfileArn, Optional<String> roleArn,
                         Optional<Provenance> launchedBy) {
        this(tags, instanceProfileArn, roleArn, launchedBy, TagWriter.NOT_READ);
    }

    /** Nothing known. */
    public static final InstanceFacts NONE = new InstanceFacts(Map.of(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public InstanceFacts {
        tags = Map.copyOf(tags);
    }

    /** The role's name (the last segment of its ARN, after any path). */
    public Optional<String> roleName() {
        return roleArn.map(arn -> arn.substring(arn.lastIndexOf('/') + 1));
    }

    public InstanceFacts withLaunchedBy(Optional<Provenance> provenance) {
        return new InstanceFacts(tags, instanceProfileArn, roleArn, provenance, exemptTagWriter, launchSource);
    }

    public InstanceFacts withLaunchSource(Optional<LaunchSource> source) {
        return new InstanceFacts(tags, instanceProfileArn, roleArn, launchedBy, exemptTagWriter, source);
    }
}

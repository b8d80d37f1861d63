package dev.tourniquet.signal;

import java.util.Optional;

/**
 * Who made a tampering call, as its CloudTrail record says.
 *
 * @param type        {@code userIdentity.type}: IAMUser, AssumedRole, Root, AWSService, FederatedUser …
 * @param arn         {@code userIdentity.arn} (a session's ARN for a role), empty for an AWS service
 * @param accessKeyId the key or session key it signed with, when any
 * @param invokedBy   the AWS service that made the call on the caller's behalf ({@code userIdentity.invokedBy})
 */
public record Tamperer(String type, Optional<String> arn, Optional<String> accessKeyId, Optional<String> invokedBy) {

    /** An AWS service acting for the owner: its own identity, a service on someone's behalf, a service-linked role. */
    public boolean isAwsService() {
        return ServiceCallers.isAwsService(type, arn.orElse(""), invokedBy);
    }

    /** CloudFormation changing a stack's resources (for whoever ran the stack operation). */
    public boolean isCloudFormation() {
        return invokedBy.filter("cloudformation.amazonaws.com"::equals).isPresent();
    }

    public String describe() {
        return arn.orElse(invokedBy.orElse(type)) + invokedBy.filter(s -> arn.isPresent()).map(s -> " via " + s)
                .orElse("");
    }
}

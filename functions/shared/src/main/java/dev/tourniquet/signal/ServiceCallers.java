package dev.tourniquet.signal;

import java.util.Optional;

/**
 * Whether a CloudTrail caller is an AWS service acting for the owner: its own {@code AWSService} identity, a
 * service calling on someone's behalf ({@code invokedBy}), or a service-linked role's session. Such a caller's
 * change may be undone, but the caller is never contained.
 */
public final class ServiceCallers {
    private ServiceCallers() {}

    /**
     * @param type      {@code userIdentity.type}
     * @param arn       {@code userIdentity.arn}, empty when the record has none
     * @param invokedBy {@code userIdentity.invokedBy}
     */
    public static boolean isAwsService(String type, String arn, Optional<String> invokedBy) {
        return "AWSService".equals(type) || invokedBy.isPresent()
                || arn.contains(":assumed-role/AWSServiceRoleFor") || arn.contains(":role/aws-service-role/");
    }
}

package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One successful call of the attacker, as CloudTrail will record it.
 *
 * @param service   the service's short name as in its event source ({@code lambda}, {@code ec2}, {@code iam},
 *                  {@code events})
 * @param eventName the CloudTrail event name ({@code CreateFunction20150331})
 * @param region    the region called (IAM: us-east-1, where its records are kept and delivered)
 * @param request   {@code requestParameters}
 * @param response  {@code responseElements}; null where CloudTrail records {@code null} (IAM's attach calls)
 * @param caller    the key that signed the call: empty for the leaked key, else the backdoor user's
 */
record CloudTrailRecord(String service, String eventName, String region, ObjectNode request, ObjectNode response,
                        Optional<LeakedKey> caller) {

    CloudTrailRecord(String service, String eventName, String region, ObjectNode request, ObjectNode response) {
        this(service, eventName, region, request, response, Optional.empty());
    }

    /** Where CloudTrail keeps and delivers it: IAM (a global service) in us-east-1, the rest where called. */
    String deliveredIn() {
        return "iam".equals(service) ? Deployment.GLOBAL_EVENTS_REGION : region;
    }
}

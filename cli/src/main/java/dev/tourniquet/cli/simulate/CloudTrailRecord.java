package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One successful call of the attacker, as CloudTrail will record it.
 *
 * @param service   the service's short name as in its event source ({@code lambda}, {@code ec2}, {@code iam},
 *                  {@code events})
 * @param eventName the CloudTrail event name ({@code CreateFunction20150331})
 * @param region    the region called (IAM: us-east-1, where its events are delivered)
 * @param request   {@code requestParameters}
 * @param response  {@code responseElements}
 */
record CloudTrailRecord(String service, String eventName, String region, ObjectNode request, ObjectNode response) {
}

package dev.tourniquet.signal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who created or changed a function or an instance: one CloudTrail record, kept so that when a
 * finding arrives the responsible credential is known at once.
 *
 * @param eventId       the CloudTrail event id
 * @param eventName     the API call ({@code CreateFunction20150331}, {@code RunInstances} …)
 * @param time          when it was called
 * @param region        the region of the resource
 * @param accountId     the account of the resource
 * @param resourceType  {@code function} or {@code instance}
 * @param resourceId    the unqualified function ARN, or the instance id
 * @param accessKeyId   the caller's access key, when CloudTrail records one
 * @param principalArn  the caller's ARN
 * @param principalType the caller's {@code userIdentity.type} ({@code IAMUser}, {@code AssumedRole} …)
 * @param details       what else the record says that undoing it needs (a policy ARN, a group, the document a
 *                      trust policy was set to, the key a call minted …); keys are camelCase, values text
 */
public record Provenance(
        String eventId, String eventName, Instant time, String region, String accountId, String resourceType,
        String resourceId, Optional<String> accessKeyId, String principalArn, String principalType,
        Map<String, String> details) {

    public Provenance {
        details = Map.copyOf(details);
    }

    /** A record that needs nothing beyond the resource it names. */
    public Provenance(String eventId, String eventName, Instant time, String region, String accountId,
                      String resourceType, String resourceId, Optional<String> accessKeyId, String principalArn,
                      String principalType) {
        this(eventId, eventName, time, region, accountId, resourceType, resourceId, accessKeyId, principalArn,
                principalType, Map.of());
    }

    /** One of its {@link #details}. */
    public Optional<String> detail(String key) {
        return Optional.ofNullable(details.get(key));
    }
}

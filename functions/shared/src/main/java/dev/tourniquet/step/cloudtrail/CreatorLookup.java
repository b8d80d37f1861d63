package dev.tourniquet.step.cloudtrail;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.Provenance;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * The fallback attribution: who last created or changed a resource, asked of CloudTrail's event history
 * ({@code LookupEvents} by resource name, in the resource's region) when Tourniquet's own provenance
 * records have nothing (the CloudTrail rule was not deployed yet, or missed the event). It is the slow
 * path: LookupEvents answers 2 requests per second per account and region (paced here, throttling retried)
 * and shows an event some minutes after the call. Records are read through {@link HistoryRecords},
 * as if EventBridge had delivered them.
 *
 * <p>IAM actions: {@code cloudtrail:LookupEvents}.
 *
 * @see <a href="https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html">LookupEvents</a>
 */
public final class CreatorLookup {
    public static final List<String> PERMISSIONS = List.of("cloudtrail:LookupEvents");
    private static final int MAX_PAGES = 3;

    private final AwsClients clients;
    private final HistoryRecords history = new HistoryRecords();

    public CreatorLookup(AwsClients clients) {
        this.clients = clients;
    }

    /**
     * @param region       where the resource is (CloudTrail's event history is regional)
     * @param resourceName what CloudTrail lists as the resource name (a function's name)
     * @param resourceId   the resource as provenance names it (a function's unqualified ARN)
     * @return the newest record of a call that created or changed it
     */
    public Optional<Provenance> latest(String region, String resourceName, String resourceId) {
        CloudTrailClient cloudTrail = HistoryRecords.client(clients, region);
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String from = token;
            LookupEventsResponse response = cloudTrail.lookupEvents(r -> r.maxResults(50).nextToken(from)
                    .lookupAttributes(a -> a.attributeKey(LookupAttributeKey.RESOURCE_NAME)
                            .attributeValue(resourceName)));
            Optional<Provenance> found = response.events().stream()
                    .flatMap(event -> history.read(event, region).records().stream())
                    .filter(p -> p.resourceId().equals(resourceId))
                    .max(java.util.Comparator.comparing(Provenance::time));
            if (found.isPresent()) {
                return found;
            }
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                break;
            }
        }
        return Optional.empty();
    }
}

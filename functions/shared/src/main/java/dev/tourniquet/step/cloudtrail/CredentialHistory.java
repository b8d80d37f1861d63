package dev.tourniquet.step.cloudtrail;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * A contained credential's CloudTrail event history in every region given: {@code LookupEvents} by its
 * {@link HistoryLookup} attribute from the start of its window, every page to the last, regions in parallel, each
 * region's calls within CloudTrail's 2 requests per second (one {@code RatePacer} slot per region, the same one
 * {@link CreatorLookup} uses; throttling that still happens is retried by the SDK). Each event is read as if
 * EventBridge had delivered it ({@link HistoryRecords}). A region that fails does not stop the others: it is
 * named in its {@link RegionHistory.Failed}; an event that cannot be read is named and skipped.
 *
 * <p>IAM actions: {@code cloudtrail:LookupEvents}.
 *
 * @see <a href="https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html">LookupEvents</a>
 */
public final class CredentialHistory {
    public static final List<String> PERMISSIONS = List.of("cloudtrail:LookupEvents");
    /** LookupEvents' largest page. */
    static final int PAGE_SIZE = 50;

    private final AwsClients clients;
    private final HistoryRecords reader = new HistoryRecords();

    public CredentialHistory(AwsClients clients) {
        this.clients = clients;
    }

    /**
     * @param regions where to look (every enabled region)
     * @param lookup  how the credential is looked up
     * @param from    the window's start (already capped at what CloudTrail keeps): nothing older is returned
     * @return one result per region, in the order given
     */
    public List<RegionHistory> read(List<String> regions, HistoryLookup lookup, Instant from) {
        // Regions wait on their own pacer slots, so they run at once; virtual threads park without holding a core.
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RegionHistory>> running = regions.stream()
                    .map(region -> threads.submit(() -> region(region, lookup, from))).toList();
            List<RegionHistory> results = new ArrayList<>();
            for (int i = 0; i < regions.size(); i++) {
                results.add(outcome(regions.get(i), running.get(i)));
            }
            return results;
        }
    }

    private RegionHistory region(String region, HistoryLookup lookup, Instant from) {
        CloudTrailClient cloudTrail = HistoryRecords.client(clients, region);
        List<Provenance> records = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        String token = null;
        int pages = 0;
        try {
            do {
                String next = token;
                LookupEventsResponse page = cloudTrail.lookupEvents(r -> r.maxResults(PAGE_SIZE).nextToken(next)
                        .startTime(from).lookupAttributes(a -> a.attributeKey(lookup.attribute())
                                .attributeValue(lookup.value())));
                pages++;
                for (Event event : page.events()) {
                    HistoryRecords.Read read = reader.read(event, region);
                    read.bad().ifPresent(bad::add);
                    // LookupEvents already filters both; kept here so that nothing before the window, and nothing
                    // of another caller, is ever acted on whatever an endpoint returns.
                    read.records().stream().filter(p -> !p.time().isBefore(from)).filter(lookup::covers)
                            .forEach(records::add);
                }
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (AwsServiceException e) {
            return notServed(e) ? new RegionHistory.NotServed(region, "the endpoint does not serve LookupEvents (HTTP "
                    + e.statusCode() + ", no AWS error code)") : failed(region, e);
        } catch (RuntimeException e) {
            return failed(region, e);
        }
        records.sort(Comparator.comparing(Provenance::time));
        return new RegionHistory.Read(region, records, bad, pages);
    }

    // Only an emulator answers without an AWS error code (moto: an HTML error page, HTTP 500, for any action it
    // lacks); AWS itself names every error. In AWS proper (no endpoint configured) such an answer is a failure.
    private boolean notServed(AwsServiceException e) {
        String code = Optional.ofNullable(e.awsErrorDetails()).map(AwsErrorDetails::errorCode).orElse("");
        return code.isEmpty() && clients.configuration().endpointFor("cloudtrail").isPresent()
                && (e.statusCode() >= 500 || e.statusCode() == 404);
    }

    private static RegionHistory failed(String region, RuntimeException e) {
        Failure failure = Failure.classify(e);
        return new RegionHistory.Failed(region, failure.message(), failure.retryable());
    }

    private static RegionHistory outcome(String region, Future<RegionHistory> running) {
        try {
            return running.get();
        } catch (ExecutionException e) {
            return new RegionHistory.Failed(region, String.valueOf(e.getCause()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RegionHistory.Failed(region, "interrupted", true);
        }
    }
}

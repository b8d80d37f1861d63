package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.ProvenanceStore.HistoryMark;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.step.cloudtrail.CredentialHistory;
import dev.tourniquet.step.cloudtrail.HistoryLookup;
import dev.tourniquet.step.cloudtrail.RegionHistory;
import dev.tourniquet.step.ec2.EnabledRegions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * History beyond the events: when a credential is contained, its CloudTrail event history finds what the events
 * missed (a region with no Tourniquet rule, a rule deployed late, a delivery lost). {@code LookupEvents} by the
 * credential ({@link HistoryLookup}) in every enabled region, from the start of its exposure window (at most the
 * 90 days CloudTrail keeps), every page. Each record found goes the way a delivered record goes
 * ({@link ProvenanceIntake}: stored, and announced for containment), so that the history and the events make one
 * idea of what the credential did.
 *
 * <p>A record the events had delivered already is left alone: the containment's own sweep covers it, and a history
 * sweep that finds nothing new changes nothing. A record the history itself took in is noted in the table before it
 * is stored ({@link HistoryMark}), so that a retry after a failed announcement announces it again rather than
 * taking it for a delivered one. A region that fails does not stop the others and is read again, twice at most; a
 * region still failing then fails the delivery, naming it, so that it is retried (what the other regions gave is not
 * taken twice). An event that cannot be read is
 * logged and skipped. An endpoint that does not serve LookupEvents (an emulator) is said so in the response.
 */
public final class HistorySweep {
    private static final StructuredLog LOG = StructuredLog.of(HistorySweep.class);
    /** How far back CloudTrail's event history reaches. */
    static final Duration RETENTION = Duration.ofDays(90);
    /** How many times a region whose history failed retryably is read within one delivery. */
    static final int REGION_ROUNDS = 3;
    /** What the history sweep calls on top of record-provenance's own table and bus calls. */
    public static final List<String> PERMISSIONS = Stream.concat(EnabledRegions.PERMISSIONS.stream(),
            CredentialHistory.PERMISSIONS.stream()).toList();

    /**
     * Where the history comes from.
     *
     * @param regions the enabled regions
     * @param history reads a credential's history in those regions
     * @param clock   now, for capping the window at what CloudTrail keeps
     */
    public record Sources(Supplier<List<String>> regions, CredentialHistory history, Clock clock) {
    }

    private final Records records;
    private final ProvenanceIntake intake;
    private final Sources sources;

    HistorySweep(Records records, ProvenanceIntake intake, Sources sources) {
        this.records = records;
        this.intake = intake;
        this.sources = sources;
    }

    /** The sources of a function's clients: {@code ec2:DescribeRegions}, {@code cloudtrail:LookupEvents}. */
    public static Sources of(AwsClients clients) {
        return new Sources(new EnabledRegions(clients)::list, new CredentialHistory(clients), Clock.systemUTC());
    }

    /** Where the history is read from: the window's start, but never before what CloudTrail still keeps. */
    static Instant start(Instant windowStart, Instant now) {
        Instant kept = now.minus(RETENTION);
        return windowStart.isBefore(kept) ? kept : windowStart;
    }

    ObjectNode sweep(SweepRequest request) {
        Optional<HistoryLookup> lookup = HistoryLookup.of(request.accessKeyId());
        if (lookup.isEmpty()) {
            String reason = HistoryLookup.notCovered(request.accessKeyId());
            LOG.info("no history sweep").with("incident_id", request.incidentId()).with("reason", reason).log();
            return Responses.status("nothing_to_do").put("reason", reason);
        }
        String containment;
        List<String> regions;
        try {
            containment = SweepCoordinator.standing(records, request).incidentId();
            regions = sources.regions().get();
        } catch (RuntimeException e) {
            throw new IncidentFailedException(request.incidentId(), Failure.classify(e));
        }
        Instant from = start(request.windowStart(), sources.clock().instant());
        List<RegionHistory> histories = readRetryingFailedRegions(regions, lookup.get(), from);
        Tally tally = new Tally();
        for (RegionHistory history : histories) {
            switch (history) {
                case RegionHistory.Read read -> take(request, containment, read, tally);
                case RegionHistory.Failed failed -> {
                    LOG.error("history of a region failed").with("incident_id", containment)
                            .with("region", failed.region()).with("reason", failed.reason()).log();
                    tally.failed.add(failed);
                }
                case RegionHistory.NotServed notServed -> tally.notServed.add(notServed.region());
            }
        }
        if (!tally.notServed.isEmpty()) {
            // One line for all of them: an emulator serves no region's history.
            LOG.warn("history not served").with("incident_id", containment)
                    .with("regions", String.join(",", tally.notServed))
                    .with("reason", "the endpoint does not serve LookupEvents (an answer without an AWS error code)")
                    .log();
        }
        ObjectNode response = tally.response(lookup.get(), containment, from, histories.size());
        LOG.info("history swept").with("incident_id", containment).with("access_key_id", request.accessKeyId())
                .with("regions", histories.size()).with("found", tally.found).with("new", tally.taken)
                .with("late", tally.announced).with("failed_regions", tally.failed.size())
                .with("not_served_regions", tally.notServed.size()).log();
        if (!tally.failed.isEmpty()) {
            // Retried as a whole; what the other regions gave is known now and not taken again.
            boolean retryable = tally.failed.stream().anyMatch(RegionHistory.Failed::retryable);
            throw new IncidentFailedException(containment, new Failure(retryable ? Failure.Kind.TRANSIENT
                    : Failure.Kind.CONTAINMENT_FAILED, "history of " + tally.failed.size() + " region(s) failed: "
                    + String.join("; ", tally.failed.stream().map(f -> f.region() + ": " + f.reason()).toList())));
        }
        return response;
    }

    /**
     * Every region's history, a region whose read failed retryably read again (at most {@link #REGION_ROUNDS} rounds in
     * all): one throttled region must not send the whole delivery back to Lambda, which would read every region again
     * a minute later (the main source of the history sweep's dead letters under faults).
     */
    private List<RegionHistory> readRetryingFailedRegions(List<String> regions, HistoryLookup lookup, Instant from) {
        java.util.Map<String, RegionHistory> byRegion = new java.util.LinkedHashMap<>();
        List<String> toRead = regions;
        for (int round = 1; round <= REGION_ROUNDS && !toRead.isEmpty(); round++) {
            sources.history().read(toRead, lookup, from).forEach(h -> byRegion.put(h.region(), h));
            toRead = byRegion.values().stream().filter(h -> h instanceof RegionHistory.Failed f && f.retryable())
                    .map(RegionHistory::region).toList();
        }
        return List.copyOf(byRegion.values());
    }

    private void take(SweepRequest request, String containment, RegionHistory.Read read, Tally tally) {
        read.bad().forEach(bad -> LOG.warn("unreadable history record").with("incident_id", containment)
                .with("region", read.region()).with("reason", bad).log());
        tally.bad += read.bad().size();
        for (Provenance record : read.records()) {
            tally.found++;
            // A key's model invocations (thousands an hour when it is LLMjacked) are not stored one by one: its
            // containment already stops them, and they create nothing to contain.
            if (dev.tourniquet.signal.BedrockEventReader.MODEL_INVOCATION.equals(record.resourceType())) {
                continue;
            }
            try {
                Optional<HistoryMark> mark = records.provenance().historyMark(containment, record);
                if (mark.filter(m -> m == HistoryMark.TAKEN).isPresent()
                        || (mark.isEmpty() && records.provenance().has(record))) {
                    continue;
                }
                records.provenance().markHistory(containment, record, HistoryMark.TAKING);
                Optional<String> announced = intake.take(record);
                records.provenance().markHistory(containment, record, HistoryMark.TAKEN);
                tally.taken++;
                tally.announced += announced.isPresent() ? 1 : 0;
                tally.resources.add(record.resourceType() + " " + record.resourceId() + " (" + record.eventName()
                        + ", " + record.region() + ")");
                LOG.info("history record taken").with("incident_id", containment).with("region", record.region())
                        .with("resource_arn", record.resourceId()).with("event_name", record.eventName())
                        .with("contained_by", announced.orElse(null)).log();
            } catch (RuntimeException e) {
                throw new IncidentFailedException(request.incidentId(), Failure.classify(e));
            }
        }
    }

    /** What a history sweep found, for its log line and response. */
    private static final class Tally {
        int found;
        int taken;
        int announced;
        int bad;
        final List<String> resources = new ArrayList<>();
        final List<RegionHistory.Failed> failed = new ArrayList<>();
        final List<String> notServed = new ArrayList<>();

        ObjectNode response(HistoryLookup lookup, String containment, Instant from, int regions) {
            String status = taken > 0 ? "history_recorded" : notServed.size() == regions ? "history_unavailable"
                    : "nothing_new";
            ObjectNode response = Responses.status(status).put("containment", containment)
                    .put("lookup", lookup.attribute().toString() + "=" + lookup.value()).put("from", from.toString())
                    .put("regions", regions).put("found", found).put("new", taken).put("late", announced)
                    .put("unreadable", bad);
            ArrayNode names = response.putArray("resources");
            resources.forEach(names::add);
            ArrayNode unserved = response.putArray("notServed");
            notServed.forEach(unserved::add);
            if (status.equals("history_unavailable")) {
                response.put("reason", "the endpoint does not serve CloudTrail LookupEvents: no history was read");
            }
            return response;
        }
    }
}

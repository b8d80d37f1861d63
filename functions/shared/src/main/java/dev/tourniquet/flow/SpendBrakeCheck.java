package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SpendBrake;
import dev.tourniquet.signal.SpendShape;
import dev.tourniquet.step.cloudtrail.CredentialHistory;
import dev.tourniquet.step.cloudtrail.HistoryLookup;
import dev.tourniquet.step.cloudtrail.RegionHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The cost and usage brakes: a Cost Anomaly Detection anomaly or a usage alarm ({@link SpendBrake}) names services and
 * regions where spend runs; their CloudTrail history since the brake's look-back start is read for the calls that start
 * spend there ({@code LookupEvents} by {@code EventName}, one region per call, each region paced at CloudTrail's 2
 * requests per second, regions in parallel: {@link CredentialHistory}), and each record is judged by the
 * {@link FootprintCheck}, which announces what is outside the footprint with its caller. What the brake said, and what
 * the check found, goes to the alert topic either way: a brake that finds nothing outside the footprint is still spend
 * a person should look at.
 *
 * <p>A record is stored as provenance when the table does not have it yet (the containing functions read creators
 * there). A region whose history cannot be read does not stop the others; it is named in the alert and the delivery
 * then fails as retryable, so that it is read again (what was announced is one incident per resource however often).
 * Nothing is read while no footprint is set: the brake is alerted only.
 */
public final class SpendBrakeCheck {
    private static final StructuredLog LOG = StructuredLog.of(SpendBrakeCheck.class);

    private final Records records;
    private final FootprintCheck footprint;
    private final Supplier<List<String>> regions;
    private final CredentialHistory history;

    /**
     * @param regions the enabled regions, for a scope that names none
     * @param history reads one lookup's history in the regions given
     */
    SpendBrakeCheck(Records records, FootprintCheck footprint, Supplier<List<String>> regions,
                    CredentialHistory history) {
        this.records = records;
        this.footprint = footprint;
        this.regions = regions;
        this.history = history;
    }

    ObjectNode check(SpendBrake brake) {
        if (!footprint.isOn() || brake.scopes().isEmpty()) {
            String reason = !footprint.isOn() ? "no footprint is set (AllowedRegions, DeniedInstanceFamilies,"
                    + " MaxInstanceVcpus, DeniedFunctionShape): nothing to judge the history by"
                    : "it names no service the footprint judges (Lambda, EC2, Bedrock)";
            alert(brake, List.of(), List.of(), reason);
            LOG.info("spend brake alerted only").with("event_id", brake.origin().eventId()).with("reason", reason).log();
            return Responses.status("alerted").put("brake", brake.name()).put("reason", reason);
        }
        Map<String, Set<String>> lookups;
        try {
            lookups = lookups(brake);
        } catch (RuntimeException e) {
            throw new IncidentFailedException(brake.origin().eventId(), Failure.classify(e));
        }
        List<Provenance> found = new ArrayList<>();
        List<RegionHistory.Failed> failed = new ArrayList<>();
        lookups.forEach((eventName, where) -> history.read(List.copyOf(where), HistoryLookup.eventName(eventName),
                brake.from()).forEach(h -> {
                    switch (h) {
                        case RegionHistory.Read read -> read.records().stream().filter(SpendShape::judged)
                                .forEach(found::add);
                        case RegionHistory.Failed f -> failed.add(f);
                        case RegionHistory.NotServed notServed -> LOG.warn("history not served")
                                .with("region", notServed.region()).with("reason", notServed.reason()).log();
                    }
                }));
        List<String> breaches = new ArrayList<>();
        for (Provenance record : found) {
            Optional<FootprintBreach> breach;
            try {
                if (!records.provenance().has(record)) {
                    records.provenance().record(record);
                }
                breach = footprint.check(record);
            } catch (RuntimeException e) {
                throw new IncidentFailedException(brake.origin().eventId(), Failure.classify(e));
            }
            breach.ifPresent(b -> breaches.add(b.describe() + " (" + record.eventName() + " by "
                    + record.principalArn() + ", " + record.region() + ")"));
        }
        alert(brake, breaches, failed, null);
        LOG.info("spend brake checked").with("event_id", brake.origin().eventId()).with("brake", brake.name())
                .with("records", found.size()).with("breaches", breaches.size()).with("failed_regions", failed.size())
                .log();
        ObjectNode response = Responses.status(breaches.isEmpty() ? "inside_footprint" : "outside_footprint")
                .put("brake", brake.name()).put("from", brake.from().toString()).put("records", found.size());
        ArrayNode scopes = response.putArray("scopes");
        brake.scopes().forEach(s -> scopes.add(s.toString()));
        ArrayNode outside = response.putArray("breaches");
        breaches.forEach(outside::add);
        if (!failed.isEmpty()) {
            throw new IncidentFailedException(brake.origin().eventId(), new Failure(Failure.Kind.TRANSIENT,
                    "history of " + failed.size() + " region(s) failed: " + String.join("; ",
                            failed.stream().map(f -> f.region() + ": " + f.reason()).toList())));
        }
        return response;
    }

    /** Each event name to look up, and the regions to look it up in. */
    private Map<String, Set<String>> lookups(SpendBrake brake) {
        Map<String, Set<String>> lookups = new LinkedHashMap<>();
        List<String> every = null;
        for (SpendBrake.Scope scope : brake.scopes()) {
            List<String> where;
            if (scope.region().isPresent()) {
                where = List.of(scope.region().get());
            } else {
                every = every == null ? regions.get() : every;
                where = every;
            }
            if (scope.service() == dev.tourniquet.signal.SpendService.BEDROCK) {
                // Invocations only where they break the footprint by region (volume: README "Bedrock and LLMjacking").
                where = where.stream().filter(footprint::outsideRegions).toList();
            }
            for (String name : scope.service().eventNames()) {
                lookups.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(where);
            }
        }
        return lookups;
    }

    private void alert(SpendBrake brake, List<String> breaches, List<RegionHistory.Failed> failed, String alertOnly) {
        StringBuilder body = new StringBuilder(brake.kind().label() + " " + brake.name() + " (" + brake.origin().source()
                + ", account " + brake.origin().accountId() + ", at " + brake.origin().time() + ") says spend is running:\n");
        brake.causes().forEach(c -> body.append("  - ").append(c).append('\n'));
        brake.link().ifPresent(l -> body.append("  Details: ").append(l).append('\n'));
        if (alertOnly != null) {
            body.append("\nNo footprint check was run: ").append(alertOnly).append(".\n");
        } else {
            body.append("\nFootprint check of the CloudTrail history since ").append(brake.from()).append(" (")
                    .append(String.join("; ", brake.scopes().stream().map(SpendBrake.Scope::toString).toList()))
                    .append("):\n");
            if (breaches.isEmpty()) {
                body.append("  nothing outside the footprint. The spend is inside what the owner declared, or was"
                        + " started before the look-back, or by an exempt principal: look at it by hand.\n");
            } else {
                body.append("  OUTSIDE THE FOOTPRINT, announced for containment with its caller:\n");
                breaches.forEach(b -> body.append("  - ").append(b).append('\n'));
            }
            failed.forEach(f -> body.append("  history of ").append(f.region()).append(" NOT READ: ")
                    .append(f.reason()).append(" (the delivery is retried)\n"));
        }
        String subject = "Tourniquet: " + brake.kind().label().toLowerCase(java.util.Locale.ROOT) + " " + brake.name()
                + ": " + (alertOnly != null ? "alert only" : breaches.size() + " outside the footprint");
        OutcomeRecorder.attempt(() -> records.alerts().publish(subject, body.toString()));
    }
}

package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.Exemptions;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.playbook.FootprintJudge;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.playbook.ThisAccountOnly;
import dev.tourniquet.records.FootprintRecords;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.FootprintBreachEvent;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ServiceCallers;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.step.ec2.EnabledRegions;
import dev.tourniquet.step.lambda.LambdaClients;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The footprint's inventory of one kind (EventBridge schedule {@value #RULE_NAME}, every FootprintInventoryMinutes
 * while a footprint is set): a backstop for the CloudTrail events EventBridge did not deliver. It lists what is
 * outside the footprint in every enabled region ({@link FootprintListing}) and holds to the footprint whatever no
 * provenance explains ({@link FootprintAttribution}):
 * <ul>
 *   <li>explained (an exempt principal, an AWS service, Tourniquet's own role, or launched before the footprint took
 *       effect): left alone;</li>
 *   <li>launched or reshaped since by any other caller: announced as {@link ChainEvents#RESOURCE_OUTSIDE_FOOTPRINT}
 *       (once per record), so that the containing function contains it as the event path would have;</li>
 *   <li>no record of its creator, appeared before the footprint took effect (the inventory's first run with it): the
 *       owner's — alerted once, never held;</li>
 *   <li>no record of its creator, appeared since: held — the one stopping call, its own incident
 *       ({@link ChainEvents#FOOTPRINT_HOLD}), never terminated — and reviewed every run: released when a record
 *       clears it, announced when one names another caller, left alone for good when a person releases it.</li>
 * </ul>
 * Plan mode records what it would do and changes nothing (its holds are planned incidents, no hold is kept). One
 * region that cannot be listed does not stop the others; the next run lists it again.
 */
public final class FootprintInventory {
    /** The schedule's rule (template.yaml), whose Scheduled Event starts an inventory. */
    public static final String RULE_NAME = "tourniquet-footprint-inventory";
    /** The detail-type of the inventory's signals, as their incidents record it. */
    static final String DETAIL_TYPE = "Footprint Inventory";
    /** Every action the functions' inventory calls beyond its holds' stopping call. */
    public static final List<String> FUNCTION_PERMISSIONS = Stream.of(List.of("lambda:ListFunctions",
                    "lambda:DeleteFunctionConcurrency", "events:PutEvents", "sns:Publish"),
            EnabledRegions.PERMISSIONS, FootprintRecords.PERMISSIONS).flatMap(List::stream).distinct().toList();
    /** Every action the instances' inventory calls beyond its holds' stopping call. */
    public static final List<String> INSTANCE_PERMISSIONS = Stream.of(List.of("ec2:DescribeInstances",
                    "ec2:DescribeInstanceTypes", "ec2:StartInstances", "events:PutEvents", "sns:Publish"),
            EnabledRegions.PERMISSIONS, FootprintRecords.PERMISSIONS).flatMap(List::stream).distinct().toList();
    /** Every action the workloads' inventory calls beyond its holds' stopping call (stop-workload). */
    public static final List<String> WORKLOAD_PERMISSIONS = Stream.of(WorkloadListings.SHAPE_PERMISSIONS,
                    List.of(InstanceTypeVcpus.PERMISSION, "events:PutEvents", "sns:Publish"), EnabledRegions.PERMISSIONS,
                    FootprintRecords.PERMISSIONS).flatMap(List::stream).distinct().toList();
    private static final StructuredLog LOG = StructuredLog.of(FootprintInventory.class);

    private final FootprintListing listing;
    private final Records records;
    private final Configuration configuration;
    private final Supplier<List<String>> regions;
    private final Releaser releaser;
    private final IncidentRunner incidents;
    private final Exemptions exemptions;
    private final FootprintAnnouncer announcer;
    private final Clock clock;

    FootprintInventory(FootprintListing listing, Records records, Configuration configuration,
                       Supplier<List<String>> regions, Releaser releaser, IncidentRunner incidents, Clock clock) {
        this.listing = listing;
        this.records = records;
        this.configuration = configuration;
        this.regions = regions;
        this.releaser = releaser;
        this.incidents = incidents;
        this.exemptions = new Exemptions(configuration);
        this.announcer = new FootprintAnnouncer(records);
        this.clock = clock;
    }

    /** The inventory of functions (quarantine-function: it holds the permissions that contain them). */
    public static FootprintInventory ofFunctions(String handler, AwsClients clients, Records records,
                                                SignalEnricher enricher, Playbook playbook) {
        Configuration configuration = clients.configuration();
        return of(new FootprintFunctions(region -> LambdaClients.lambda(clients, region), configuration.ownStack(),
                new FootprintJudge(configuration.footprint(), (region, type) -> java.util.OptionalInt.empty())),
                handler, clients, records, enricher, playbook);
    }

    /** The inventory of instances (isolate-instance). */
    public static FootprintInventory ofInstances(String handler, AwsClients clients, Ec2Clients ec2, Records records,
                                                SignalEnricher enricher, Playbook playbook) {
        return of(new FootprintInstances(ec2, clients.configuration().footprint()), handler, clients, records,
                enricher, playbook);
    }

    /**
     * The inventory of workloads (stop-workload): ECS tasks and services, CodeBuild builds, SageMaker jobs, notebooks
     * and endpoints, Batch compute environments ({@link FootprintWorkloads}).
     */
    public static FootprintInventory ofWorkloads(String handler, AwsClients clients, Records records,
                                                SignalEnricher enricher, Playbook playbook) {
        return of(new FootprintWorkloads(WorkloadListings.of(clients), clients.configuration().footprint(),
                new InstanceTypeVcpus(new dev.tourniquet.step.ec2.Ec2Clients(clients))), handler, clients, records,
                enricher, playbook);
    }

    private static FootprintInventory of(FootprintListing listing, String handler, AwsClients clients,
                                         Records records, SignalEnricher enricher, Playbook playbook) {
        Configuration configuration = clients.configuration();
        IncidentRunner incidents = new IncidentRunner(handler, configuration, records, enricher,
                new ThisAccountOnly(playbook, configuration.ownStack()), new Notices(records));
        return new FootprintInventory(listing, records, configuration, new EnabledRegions(clients)::list,
                new Releaser(clients), incidents, Clock.systemUTC());
    }

    /** The same inventory listing only these regions (tests: the emulator lists every region AWS has). */
    public FootprintInventory inRegions(List<String> only) {
        return new FootprintInventory(listing, records, configuration, () -> only, releaser, incidents, clock);
    }

    /** {@code flow}, with the inventory's schedule handled here. */
    public FunctionFlow around(FunctionFlow flow) {
        return new InventoryFlow(this, flow);
    }

    /** Whether an event is the inventory schedule's (its rule named exactly, in any region and partition). */
    static boolean isInventory(JsonNode event) {
        return Schedules.isFrom(event, RULE_NAME);
    }

    /** What {@code ./tourniquet plan} says of a schedule's event, without touching AWS. */
    ObjectNode planOffline() {
        ObjectNode plan = Json.object().put("handler", incidents.handler());
        if (!configuration.footprint().isOn()) {
            plan.put("decision", "record_only").put("rationale", "no footprint is set: nothing is listed")
                    .putArray("steps");
            return plan;
        }
        plan.put("decision", "inventory").put("rationale", "list the " + listing.kind() + "s outside the footprint in"
                + " every enabled region; hold what no CloudTrail record explains and appeared since the footprint took"
                + " effect, announce what a caller outside every exemption launched, leave the rest alone");
        plan.putArray("steps").addObject().put("action", "footprint-inventory").put("target", listing.kind());
        return plan;
    }

    /** One run: the open holds reviewed, then every enabled region listed. */
    ObjectNode run(JsonNode raw) {
        Footprint footprint = configuration.footprint();
        if (!footprint.isOn()) {
            return Responses.status("nothing_to_do").put("reason", "no footprint is set");
        }
        Instant now = clock.instant();
        Instant since = records.footprint().since(signature(footprint), now);
        FootprintRun run = new FootprintRun(raw, now, since);
        Set<String> open = new FootprintHoldReview(records, listing.kind(), releaser, announcer, this::attribution,
                this::holdSignal).review(run);
        for (RegionalListing.Listed<FootprintListing.Outside> listed : RegionalListing.of(regions.get(),
                listing::list)) {
            listed.failure().ifPresent(e -> {
                String reason = Failure.classify(e).message();
                run.failed.addObject().put("region", listed.region()).put("reason", reason);
                LOG.warn("footprint inventory cannot list a region").with("region", listed.region())
                        .with("kind", listing.kind()).with("reason", reason).log();
            });
            for (FootprintListing.Outside outside : listed.found()) {
                if (!open.contains(outside.resourceId())) {
                    judgeOrNote(run, outside);
                }
            }
        }
        return finish(run);
    }

    // A resource whose records cannot be read or written now is judged again by the next run; the others go on.
    private void judgeOrNote(FootprintRun run, FootprintListing.Outside outside) {
        try {
            judge(run, outside);
        } catch (RuntimeException e) {
            run.lines.add("FAILED " + outside.resourceId() + ": " + Failure.classify(e).message()
                    + " (judged again by the next run)");
        }
    }

    // One resource outside the footprint, not held already.
    private void judge(FootprintRun run, FootprintListing.Outside outside) {
        FootprintBreach breach = outside.breach();
        switch (attribution(outside.resourceId(), outside.explainedBy(), run.since)) {
            case FootprintAttribution.Decision.Announce announce ->
                    announcer.announce(run, announce.record(), breach.rule(), breach.describe());
            case FootprintAttribution.Decision.Explained explained -> LOG.info("footprint inventory: explained")
                    .with("resource_arn", outside.resourceId()).with("reason", explained.reason()).log();
            case FootprintAttribution.Decision.Unattributed unattributed -> unattributed(run, outside);
        }
    }

    // No record names its creator: the owner's when it appeared before the footprint took effect, else held.
    private void unattributed(FootprintRun run, FootprintListing.Outside outside) {
        FootprintRecords store = records.footprint();
        if (store.spared(outside.resourceId()).isPresent()) {
            return;
        }
        if (outside.appearedAt().isBefore(run.since)) {
            String reason = "the owner's: it appeared at " + outside.appearedAt() + ", before the footprint took"
                    + " effect (" + run.since + "), and no CloudTrail record names its creator";
            if (store.spare(outside.resourceId(), reason, run.now)) {
                run.lines.add("OWNER'S " + outside.resourceId() + " (" + outside.region() + "): "
                        + outside.breach().describe() + "; left running, " + reason);
            }
            return;
        }
        Signal signal = holdSignal(run, outside.resourceId(), outside.region(), outside.accountId(),
                outside.breach().describe());
        String holdIncident = IncidentIds.of(signal);
        if (records.releases().find(holdIncident).flatMap(i -> i.releasedAt()).isPresent()) {
            store.spare(outside.resourceId(), "its footprint hold " + holdIncident + " was released by a person",
                    run.now);
            return;
        }
        boolean plan = configuration.mode() == Mode.PLAN;
        if (plan || store.hold(new FootprintRecords.Held(listing.kind(), outside.resourceId(), outside.region(),
                signal.origin().accountId(), holdIncident, outside.breach().rule(), outside.breach().describe(),
                run.now, outside.explainedBy()))) {
            run.hold.add(signal);
            run.lines.add((plan ? "WOULD HOLD " : "HELD ") + outside.resourceId() + " (" + outside.region()
                    + ", incident " + holdIncident + "): " + outside.breach().describe()
                    + "; no CloudTrail record names its creator, and it appeared at " + outside.appearedAt()
                    + ", after the footprint took effect");
        }
    }

    private ObjectNode finish(FootprintRun run) {
        // Region by region, the regions side by side; a failed incident is resumed by the next run's review.
        Responses.Collected collected = incidents.respondByRegion(run.raw, run.hold, SweepBudget.UNLIMITED);
        collected.failure().ifPresent(f -> run.lines.add("FAILED " + f.getMessage() + " (retried by the next run)"));
        collected.response().path("incidents").forEach(incident -> spareIfExempt(run, incident));
        run.alert(listing.kind(), records);
        ObjectNode response = Responses.status(run.lines.isEmpty() && run.hold.isEmpty() ? "nothing_to_do" : "done")
                .put("kind", listing.kind()).put("since", run.since.toString());
        run.lines.forEach(response.putArray("decisions")::add);
        response.set("failedRegions", run.failed);
        response.set("incidents", collected.response().path("incidents"));
        LOG.info("footprint inventory").with("kind", listing.kind()).with("decisions", run.lines.size())
                .with("held", run.hold.size()).with("failed", run.failed.size()).log();
        return response;
    }

    // A hold the playbook would not act on (an exempt tag that counts, an exempt ARN, Tourniquet's own): never held, and
    // left alone from then on.
    private void spareIfExempt(FootprintRun run, JsonNode incident) {
        if (!"record_only".equals(incident.path("decision").asText())) {
            return;
        }
        String resource = incident.path("subject").asText();
        records.footprint().close(listing.kind(), resource);
        if (records.footprint().spare(resource, incident.path("rationale").asText(), run.now)) {
            run.lines.add("LEFT ALONE " + resource + ": " + incident.path("rationale").asText());
        }
    }

    // A footprint hold's own incident: the same for every run (plan mode's apart, so that enforcing later holds it).
    private Signal holdSignal(FootprintRun run, String resourceId, String region, String accountId, String description) {
        boolean plan = configuration.mode() == Mode.PLAN;
        Origin origin = new Origin(run.raw.path("id").asText("footprint-inventory"), ChainEvents.SOURCE, DETAIL_TYPE,
                Optional.of(FootprintBreachEvent.incidentId(resourceId) + (plan ? "#hold-plan" : "#hold")),
                Optional.of(ChainEvents.FOOTPRINT_HOLD), 0, "",
                accountId.isEmpty() ? configuration.ownStack().accountId() : accountId, region, run.now, false);
        return listing.signal(origin, resourceId, region, description + "; found by the footprint's inventory with no"
                + " CloudTrail record of its creator: held (stopped only) until provenance explains it");
    }

    // What provenance says of a resource, and of what launched it.
    private FootprintAttribution.Decision attribution(String resourceId, List<String> explainedBy, Instant since) {
        List<Provenance> history = new ArrayList<>(records.provenance().history(resourceId));
        explainedBy.forEach(id -> history.addAll(records.provenance().history(id)));
        return FootprintAttribution.judge(history, since, this::exemptCaller);
    }

    private Optional<String> exemptCaller(Provenance record) {
        if (ServiceCallers.isAwsService(record.principalType(), record.principalArn(), Optional.empty())) {
            return Optional.of(record.principalArn() + " is an AWS service acting for the owner");
        }
        return exemptions.forCaller(record.principalArn());
    }

    // The footprint's settings as text: a new footprint takes effect anew (what existed then is the owner's).
    static String signature(Footprint footprint) {
        return String.join(",", footprint.allowedRegions()) + "|" + String.join(",", footprint.deniedInstanceFamilies())
                + "|" + footprint.maxInstanceVcpus() + "|"
                + footprint.deniedFunctionShape().map(Footprint.FunctionShape::toString).orElse("");
    }
}

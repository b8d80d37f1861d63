package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.step.events.ChainEventBus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The flow of record-provenance: stores who created or changed what from CloudTrail records, in a function of its
 * own so that this high-volume intake never queues ahead of containment. A record whose credential was contained
 * already (it arrived after the sweep) is announced as a {@link ChainEvents#RESOURCE_OF_CONTAINED_CREDENTIAL} chain
 * event, which the containing function turns into the containment of that one resource within seconds.
 *
 * <p>When a credential is contained ({@code Credential Contained}), it reads the credential's CloudTrail history in
 * every enabled region ({@link HistorySweep}) and takes each record the events missed in the same way.
 *
 * <p>Each spend-creating record is held to the owner's footprint ({@link FootprintGuard}): outside it, the resource
 * and its caller are announced for containment.
 *
 * <p>When a cost anomaly or a usage alarm raises a spend brake, it reads the CloudTrail history of the services and
 * regions it names and announces what is outside the owner's footprint with its caller ({@link SpendBrakeCheck}).
 *
 * <p>Contains nothing itself: it writes provenance to the table, reads the containment marker and puts chain events.
 */
public final class ProvenanceRecorder implements FunctionFlow {
    private static final StructuredLog LOG = StructuredLog.of(ProvenanceRecorder.class);
    private static final String HANDLER = "record-provenance";
    /**
     * What it calls: provenance written, the containment marker (and its incident) read, a layer's publisher read
     * (Query), chain events put, the alert of a rejected record, and the contained credential's history (its enabled
     * regions, their LookupEvents).
     */
    public static final List<String> PERMISSIONS = Stream.of(Stream.of("dynamodb:PutItem", "dynamodb:GetItem",
            "dynamodb:Query", "sns:Publish"), ChainEventBus.PERMISSIONS.stream(), HistorySweep.PERMISSIONS.stream(),
            FootprintGuard.PERMISSIONS.stream())
            .flatMap(s -> s).distinct().toList();

    private final Records records;
    private final ProvenanceIntake intake;
    private final HistorySweep history;
    private final Notices notices;
    private final FootprintGuard footprint;
    private final SpendBrakeCheck brakes;

    /**
     * @param history   the contained credential's CloudTrail history, read when a {@code Credential Contained} chain
     *                  event arrives ({@link HistorySweep#of}); the same sources serve the spend brakes
     * @param footprint judges each record it receives, and what the spend brakes find in the history, against the
     *                  owner's footprint, and announces breaches ({@link FootprintGuard#of})
     */
    public ProvenanceRecorder(Records records, ChainEventBus bus, HistorySweep.Sources history,
                              FootprintGuard footprint) {
        this.records = records;
        this.footprint = footprint;
        this.intake = new ProvenanceIntake(records, bus);
        this.history = new HistorySweep(records, intake, history);
        this.notices = new Notices(records);
        this.brakes = new SpendBrakeCheck(records, footprint, history.regions(), history.history());
    }

    @Override
    public ObjectNode handle(Delivery delivery) {
        return switch (delivery.parsed()) {
            case ParseResult.Observed observed -> record(delivery.eventId(), observed);
            case ParseResult.Rejected rejected -> {
                LOG.error("rejected input").with("event_id", delivery.eventId()).with("reason", rejected.reason())
                        .with("handler", HANDLER).log();
                notices.rejected(HANDLER, delivery.eventId(), delivery.raw(), rejected.reason());
                yield Responses.status("rejected").put("reason", rejected.reason());
            }
            // A continuation is for the function it names: never record-provenance's (its history sweep is whole).
            case ParseResult.Sweep sweep when !sweep.continuation().isFor(HANDLER) ->
                    nothingToDo(delivery.eventId(), "a sweep continuation for another function");
            case ParseResult.Sweep sweep -> history.sweep(sweep.request());
            case ParseResult.Brake brake -> brakes.check(brake.brake());
            case ParseResult.Ignored ignored -> nothingToDo(delivery.eventId(), ignored.reason());
            default -> nothingToDo(delivery.eventId(), HANDLER + " keeps CloudTrail provenance only");
        };
    }

    private ObjectNode record(String eventId, ParseResult.Observed observed) {
        int late = 0;
        List<String> breaches = new java.util.ArrayList<>();
        for (Provenance record : observed.records()) {
            Optional<String> containedBy;
            Optional<FootprintBreach> breach;
            try {
                containedBy = intake.take(record);
                // Stored first: the containing functions read the record's provenance as the resource's creator.
                breach = footprint.guard(record);
            } catch (RuntimeException e) {
                throw new IncidentFailedException(eventId, Failure.classify(e));
            }
            LOG.info("provenance recorded").with("event_id", eventId).with("resource_arn", record.resourceId())
                    .with("principal_arn", record.principalArn()).with("event_name", record.eventName())
                    .with("contained_by", containedBy.orElse(null)).log();
            late += containedBy.isPresent() ? 1 : 0;
            breach.ifPresent(b -> breaches.add(b.findingType() + ": " + b.describe()));
        }
        ObjectNode response = Responses.status("recorded").put("provenance", observed.records().size())
                .put("late", late);
        if (!breaches.isEmpty()) {
            breaches.forEach(response.putArray("outsideFootprint")::add);
        }
        return response;
    }

    private static ObjectNode nothingToDo(String eventId, String reason) {
        LOG.info("nothing to do").with("event_id", eventId).with("reason", reason).log();
        return Responses.status("nothing_to_do").put("reason", reason);
    }

    @Override
    public ObjectNode planOffline(Delivery delivery) {
        ObjectNode json = Json.object().put("handler", HANDLER);
        switch (delivery.parsed()) {
            case ParseResult.Rejected rejected -> json.put("error", rejected.reason());
            case ParseResult.Observed observed -> {
                json.put("decision", "record_provenance").put("rationale", "CloudTrail record of who changed what;"
                        + " a record of a credential contained already is announced for containment");
                ArrayNode steps = json.putArray("steps");
                observed.records().forEach(p -> steps.addObject().put("action", "record-provenance")
                        .put("target", p.resourceId()));
                // What the record says alone against the footprint (a size it leaves out is read only at run time).
                observed.records().forEach(p -> footprint.judgeOffline(p).ifPresent(breach -> steps.addObject()
                        .put("action", "announce-outside-footprint").put("target", p.resourceId())
                        .put("rule", breach.findingType()).put("reason", breach.describe())));
            }
            case ParseResult.Sweep sweep -> json.put("decision", "history_sweep").put("rationale", "the contained"
                    + " credential's CloudTrail history (LookupEvents in every enabled region, from its window's start)"
                    + " is recorded as provenance; what the events missed is announced for containment")
                    .putArray("steps").addObject().put("action", "history-sweep")
                    .put("target", sweep.request().accessKeyId());
            case ParseResult.Brake brake -> {
                json.put("decision", "footprint_check").put("rationale", brake.brake().kind().label() + " "
                        + brake.brake().name() + ": the CloudTrail history since " + brake.brake().from()
                        + " of what it names is judged by the footprint; what is outside is announced for containment"
                        + " with its caller, and the brake is alerted");
                ArrayNode steps = json.putArray("steps");
                brake.brake().scopes().forEach(s -> steps.addObject().put("action", "footprint-check")
                        .put("target", s.toString()));
            }
            case ParseResult.Ignored ignored -> json.put("decision", "record_only").put("rationale", ignored.reason())
                    .putArray("steps");
            default -> json.put("decision", "record_only").put("rationale", HANDLER + " keeps CloudTrail provenance only")
                    .putArray("steps");
        }
        return json;
    }

    @Override
    public void primeClients() {
        records.prime();
    }

}

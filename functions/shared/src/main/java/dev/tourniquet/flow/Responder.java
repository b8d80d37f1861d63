package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.playbook.ThisAccountOnly;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalEnricher;
import java.util.List;
import java.util.function.Function;

/**
 * The flow every containment handler shares, for one parsed delivery: signals become incidents
 * ({@link IncidentRunner}), a contained credential is swept ({@link SweepCoordinator}), a late CloudTrail record of
 * a contained credential contains the one resource it names ({@link LateRecords}), a resource launched outside the
 * owner's footprint is contained at once ({@link FootprintContainment}). Acts only in the account it
 * runs in ({@link ThisAccountOnly}). Maps the result to done, nothing to do, rejected input (logged once, alerted,
 * returned normally, never retried) or
 * a thrown {@link IncidentFailedException} (Lambda retries the delivery twice, then dead-letters).
 */
public final class Responder implements FunctionFlow {
    /** The spend brakes are record-provenance's (they read CloudTrail history), never a containing function's. */
    private static final String BRAKES = "a cost or usage brake is checked by record-provenance";

    private static final StructuredLog LOG = StructuredLog.of(Responder.class);

    private final String handler;
    private final Records records;
    private final Playbook playbook;
    private final IncidentRunner incidents;
    private final SweepCoordinator sweeps;
    private final LateRecords late;
    private final BackInService backInService;
    private final Function<JsonNode, ParseResult> parser;
    private final Notices notices;
    private final ContainmentGuard guard;
    private final RegionEnablers enablers;
    private final java.util.Optional<ExposureReview> review;
    private final FootprintContainment footprint;

    public Responder(String handler, Configuration configuration, Records records, SignalEnricher enricher,
                     Playbook playbook, Sweeper sweeper) {
        this(handler, configuration, records, enricher, playbook, sweeper, null);
    }

    private Responder(String handler, Configuration configuration, Records records, SignalEnricher enricher,
                      Playbook playbook, Sweeper sweeper, Function<JsonNode, ParseResult> parser) {
        this.parser = parser;
        this.handler = handler;
        this.records = records;
        // Whatever the function, it acts only in the account it runs in.
        this.playbook = new ThisAccountOnly(playbook, configuration.ownStack());
        this.notices = new Notices(records);
        this.incidents = new IncidentRunner(handler, configuration, records, enricher, this.playbook, notices);
        StopFirst stopFirst = new StopFirst(configuration, records, enricher, this.playbook);
        this.sweeps = new SweepCoordinator(records, sweeper, incidents, notices, stopFirst);
        this.footprint = new FootprintContainment(sweeper, stopFirst, incidents);
        this.late = new LateRecords(sweeps, incidents);
        this.guard = new ContainmentGuard(records, configuration);
        this.backInService = new BackInService(records,
                signals -> guard.held(signals).stream().filter(this.playbook::takes).toList(), incidents, late);
        this.enablers = new RegionEnablers(records);
        this.review = sweeper.exposureHold().map(hold -> new ExposureReview(hold, records, incidents));
    }

    /**
     * A responder that reads each event with a parser of its own (the tampering function reads CloudTrail records
     * as tampering, where the shared parser reads them as provenance).
     */
    public static Responder parsingWith(Function<JsonNode, ParseResult> parser, String handler,
                                        Configuration configuration, Records records, SignalEnricher enricher,
                                        Playbook playbook) {
        return new Responder(handler, configuration, records, enricher, playbook, Sweeper.NONE, parser);
    }

    /** Handles one delivery with no deadline; returns the response document or throws for a retry. */
    @Override
    public ObjectNode handle(Delivery read) {
        return handle(read, SweepBudget.UNLIMITED);
    }

    /** Handles one delivery; a sweep starts work while {@code budget} allows and continues the rest. */
    @Override
    public ObjectNode handle(Delivery read, SweepBudget budget) {
        if (review.isPresent() && ExposureReview.isReview(read.raw())) {
            return review.get().run(read.raw());
        }
        Delivery delivery = own(read);
        return switch (delivery.parsed()) {
            case ParseResult.Rejected rejected -> {
                LOG.error("rejected input").with("event_id", delivery.eventId()).with("reason", rejected.reason())
                        .with("handler", handler).log();
                notices.rejected(handler, delivery.eventId(), delivery.raw(), rejected.reason());
                yield Responses.status("rejected").put("reason", rejected.reason());
            }
            case ParseResult.Ignored ignored -> {
                LOG.info("nothing to do").with("event_id", delivery.eventId()).with("reason", ignored.reason()).log();
                yield Responses.status("nothing_to_do").put("reason", ignored.reason());
            }
            case ParseResult.Brake brake -> {
                LOG.info("nothing to do").with("event_id", delivery.eventId()).with("reason", BRAKES).log();
                yield Responses.status("nothing_to_do").put("reason", BRAKES);
            }
            // Provenance is record-provenance's (a function of its own, so that it never queues ahead of this one);
            // the same call may undo a containment (an instance started that Tourniquet stopped): re-applied here.
            case ParseResult.Observed observed -> observed(delivery, observed);
            case ParseResult.LateRecord record -> late.contain(delivery.raw(), record);
            case ParseResult.InService running -> backInService.stop(delivery.raw(), running);
            case ParseResult.OutsideFootprint breach -> footprint.contain(delivery.raw(), breach);
            case ParseResult.Sweep sweep when !sweep.continuation().isFor(handler) -> {
                LOG.info("nothing to do").with("event_id", delivery.eventId()).with("handler", handler)
                        .with("reason", "a sweep continuation for another function").log();
                yield Responses.status("nothing_to_do").put("reason", "the sweep continuation is for "
                        + sweep.continuation().function().orElse("?") + ", not " + handler);
            }
            case ParseResult.Sweep sweep -> sweeps.sweep(delivery.raw(), sweep.request(), sweep.continuation(), budget);
            case ParseResult.Signals signals -> {
                if (!signals.refused().isEmpty()) {
                    LOG.warn("part of the event refused").with("event_id", delivery.eventId())
                            .with("reason", String.join("; ", signals.refused())).with("handler", handler).log();
                    notices.refused(handler, delivery.eventId(), delivery.raw(), signals.refused());
                }
                List<Signal> mine = taken(signals.signals());
                if (mine.isEmpty()) {
                    yield othersOnly(delivery, signals.signals());
                }
                List<Signal> held = guarded(delivery, mine);
                ObjectNode response = held.isEmpty() ? Responses.status("nothing_to_do")
                        .put("reason", "no open incident holds what the change touched")
                        : incidents.respond(delivery.raw(), held);
                signals.refused().forEach(response.putArray("refused")::add);
                yield response;
            }
        };
    }

    // The signals this function acts on: an attack sequence reaches each function that acts on a part of it.
    private List<Signal> taken(List<Signal> signals) {
        return signals.stream().filter(playbook::takes).toList();
    }

    private String othersReason(List<Signal> signals) {
        return "what the event names (" + signals.stream().map(Signal::signalType).distinct()
                .collect(java.util.stream.Collectors.joining(", ")) + ") is other functions' to act on, not " + handler;
    }

    private ObjectNode othersOnly(Delivery delivery, List<Signal> signals) {
        String reason = othersReason(signals);
        LOG.info("nothing to do").with("event_id", delivery.eventId()).with("handler", handler).with("reason", reason)
                .log();
        return Responses.status("nothing_to_do").put("reason", reason);
    }

    // The delivery as this responder's own parser reads it, when it has one.
    private Delivery own(Delivery delivery) {
        return parser == null ? delivery : new Delivery(delivery.eventId(), parser.apply(delivery.raw()), delivery.raw());
    }

    // A CloudTrail record that is provenance (record-provenance records it) and may undo a containment, or enabled a
    // region (the credential function judges it).
    private ObjectNode observed(Delivery delivery, ParseResult.Observed observed) {
        List<Signal> held = observed.undone().isEmpty() ? List.of() : guarded(delivery, observed.undone());
        return held.isEmpty() ? Responses.status("nothing_to_do")
                .put("reason", "CloudTrail provenance is recorded by record-provenance")
                : incidents.respond(delivery.raw(), held);
    }

    // Reading the holds failed: the delivery is retried, as an incident whose claim failed is.
    private List<Signal> guarded(Delivery delivery, List<Signal> signals) {
        try {
            // Taken again once holds are read: a rule or schedule put back is the function's whose cut holds it
            // (quarantine-function's or stop-workload's), and only that one may claim its incident.
            return guard.held(enablers.judged(signals)).stream().filter(playbook::takes).toList();
        } catch (RuntimeException e) {
            throw new IncidentFailedException("holds of " + delivery.eventId(), dev.tourniquet.internal.Failure.classify(e));
        }
    }

    // What the sweep judges: its exposure window, and a creator's bound.
    private static String window(dev.tourniquet.signal.SweepRequest request) {
        String since = request.windowStart().equals(java.time.Instant.EPOCH) ? "at any time"
                : "since " + request.windowStart() + " (its exposure window; what it made before is listed, not touched)";
        return since + (request.implication() == dev.tourniquet.signal.Implication.CREATOR
                ? ", only of the shape of " + request.flaggedResource().orElse("the flagged resource")
                + ", at most CreatorSweepLimit of them, the rest held" : "");
    }

    // What a sweep that runs out of time does: plan mode says it too.
    private String continues(dev.tourniquet.signal.SweepContinuation at) {
        String now = at.hop() == 0 ? "the first invocation" : "continuation " + at.hop() + " of at most "
                + dev.tourniquet.signal.SweepContinuation.MAX_HOPS;
        return now + "; what the invocation's time (its deadline less a margin) leaves unstarted continues in the next,"
                + " as a '" + dev.tourniquet.signal.ChainEvents.SWEEP_CONTINUED + "' chain event to " + handler
                + " (what is done is skipped by its claim)";
    }

    /** Builds every client the records need now (the SnapStart priming hook: the snapshot then holds them). */
    @Override
    public void primeClients() {
        records.prime();
    }

    /**
     * The plan for a delivery without touching AWS (nothing is enriched, nothing runs): what
     * {@code ./tourniquet plan} prints. A rejected event gives {@code {"handler", "error"}}.
     */
    @Override
    public ObjectNode planOffline(Delivery read) {
        Delivery delivery = own(read);
        ObjectNode json = Json.object().put("handler", handler);
        switch (delivery.parsed()) {
            case ParseResult.Rejected rejected -> json.put("error", rejected.reason());
            case ParseResult.Brake brake -> json.put("decision", "record_only").put("rationale", BRAKES)
                    .putArray("steps");
            case ParseResult.Ignored ignored -> json.put("decision", "record_only").put("rationale", ignored.reason())
                    .putArray("steps");
            case ParseResult.Observed observed -> json.put("decision", "record_only")
                    .put("rationale", "CloudTrail provenance is recorded by record-provenance").putArray("steps");
            // A sweep of the one resource a late CloudTrail record names (read from provenance at run time).
            case ParseResult.LateRecord record -> json.put("decision", "sweep")
                    .put("rationale", "a CloudTrail record of a credential contained already (" + record.containment()
                            + ") names this resource").putArray("steps").addObject().put("action", "sweep-late-record")
                    .put("target", record.record().resourceId());
            case ParseResult.InService running -> json.put("decision", "sweep")
                    .put("rationale", running.resource() + " is in service: stopped if an open incident holds it"
                            + " stopped, or a credential that created or started it is contained (read at run time)")
                    .putArray("steps").addObject().put("action", "stop-if-held-or-late").put("target",
                            running.resource());
            case ParseResult.OutsideFootprint breach -> {
                if (breach.signals().isEmpty()) {
                    json.put("decision", "act").put("rationale", breach.reason() + ". The instances it launched are"
                            + " read at run time, its source scaled to zero, set to capacity 0 or cancelled first")
                            .putArray("steps").addObject().put("action", "contain-launched-instances")
                            .put("target", breach.record().resourceId());
                } else {
                    return planOffline(new Delivery(read.eventId(), new ParseResult.Signals(breach.signals()),
                            read.raw()));
                }
            }
            case ParseResult.Sweep sweep when !sweep.continuation().isFor(handler) -> json.put("decision",
                    "record_only").put("rationale", "a sweep continuation for "
                    + sweep.continuation().function().orElse("?")).putArray("steps");
            case ParseResult.Sweep sweep -> json.put("decision", "sweep")
                    .put("rationale", "contain every resource the credential created or changed "
                            + window(sweep.request()) + " (read from provenance at run time)")
                    .put("continues", continues(sweep.continuation()))
                    .putArray("steps").addObject().put("action", "sweep-resources-of")
                    .put("target", sweep.request().accessKeyId());
            case ParseResult.Signals signals when taken(signals.signals()).isEmpty() -> json
                    .put("decision", "record_only").put("rationale", othersReason(signals.signals())).putArray("steps");
            case ParseResult.Signals signals -> {
                ArrayNode plans = Json.MAPPER.createArrayNode();
                taken(signals.signals()).forEach(signal -> plans.add(playbook.plan(signal).toJson(handler)
                        .put("incidentId", IncidentIds.of(signal))));
                if (plans.size() == 1) {
                    return (ObjectNode) plans.get(0);
                }
                json.set("plans", plans);
            }
        }
        return json;
    }
}

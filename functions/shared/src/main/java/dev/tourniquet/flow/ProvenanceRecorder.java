package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.LateRecordEvent;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.RegionEnabled;
import dev.tourniquet.signal.TagWrites;
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
 * <p>Contains nothing itself: it writes provenance to the table, reads the containment marker and puts chain events.
 */
public final class ProvenanceRecorder implements FunctionFlow {
    private static final StructuredLog LOG = StructuredLog.of(ProvenanceRecorder.class);
    private static final String HANDLER = "record-provenance";
    /**
     * What it calls: provenance written, the containment marker (and its incident) read, chain events put, and the
     * alert of a rejected record.
     */
    public static final List<String> PERMISSIONS = Stream.concat(Stream.of("dynamodb:PutItem", "dynamodb:GetItem",
            "sns:Publish"), ChainEventBus.PERMISSIONS.stream()).toList();

    private final Records records;
    private final ChainEventBus bus;
    private final Notices notices;

    public ProvenanceRecorder(Records records, ChainEventBus bus) {
        this.records = records;
        this.bus = bus;
        this.notices = new Notices(records);
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
            case ParseResult.Ignored ignored -> nothingToDo(delivery.eventId(), ignored.reason());
            default -> nothingToDo(delivery.eventId(), HANDLER + " keeps CloudTrail provenance only");
        };
    }

    private ObjectNode record(String eventId, ParseResult.Observed observed) {
        int late = 0;
        for (Provenance record : observed.records()) {
            Optional<String> containedBy;
            try {
                records.provenance().record(record);
                // Tag writes and created identities are kept for judging exempt tags: nothing to contain.
                // By its key, or by the identity behind it (a user or role an incident created, contained whole).
                containedBy = sweepable(record) ? record.accessKeyId().flatMap(key -> records.incidents().containedBy(key))
                        .or(() -> TagWrites.identityOf(record.principalArn())
                                .flatMap(identity -> records.incidents().containedBy(identity)))
                        : Optional.empty();
                containedBy.ifPresent(incident -> bus.put(ChainEvents.RESOURCE_OF_CONTAINED_CREDENTIAL,
                        LateRecordEvent.detail(incident, record)));
            } catch (RuntimeException e) {
                throw new IncidentFailedException(eventId, Failure.classify(e));
            }
            LOG.info("provenance recorded").with("event_id", eventId).with("resource_arn", record.resourceId())
                    .with("principal_arn", record.principalArn()).with("event_name", record.eventName())
                    .with("contained_by", containedBy.orElse(null)).log();
            late += containedBy.isPresent() ? 1 : 0;
        }
        return Responses.status("recorded").put("provenance", observed.records().size()).put("late", late);
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

    // An enabled region is judged by the credential function from the same record (its own rule): not announced.
    private static boolean sweepable(Provenance record) {
        return !TagWrites.TAG.equals(record.resourceType()) && !TagWrites.IDENTITY.equals(record.resourceType())
                && !RegionEnabled.RESOURCE_TYPE.equals(record.resourceType());
    }
}

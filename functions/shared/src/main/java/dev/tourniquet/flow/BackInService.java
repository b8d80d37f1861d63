package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A workload its service reports in service again. Its stop could not be made earlier: SageMaker stops only an
 * {@code InService} notebook, and one just created or started stays {@code Pending} for minutes, longer than Lambda's
 * retries of the delivery that tried. Stopped now when an open incident holds it stopped (a start the CloudTrail path
 * could not stop in time, or one CloudTrail never delivered: re-applied, no author contained), or when a record of it
 * in provenance was made by a credential contained since (the incident that failed on {@code Pending} is the same
 * incident, resumed: one incident per resource of a containment). Anything else in service is the owner's: untouched.
 */
final class BackInService {
    private static final StructuredLog LOG = StructuredLog.of(BackInService.class);

    private final Records records;
    private final Function<List<Signal>, List<Signal>> held;
    private final IncidentRunner incidents;
    private final LateRecords late;

    /** @param held the signals an open incident holds, with their holds (the responder's guard) */
    BackInService(Records records, Function<List<Signal>, List<Signal>> held, IncidentRunner incidents,
                  LateRecords late) {
        this.records = records;
        this.held = held;
        this.incidents = incidents;
        this.late = late;
    }

    ObjectNode stop(JsonNode rawEvent, ParseResult.InService running) {
        List<Signal> holding;
        Optional<ParseResult.LateRecord> record;
        try {
            holding = held.apply(List.of(running.undone()));
            record = holding.isEmpty() ? byContainedCredential(running) : Optional.empty();
        } catch (RuntimeException e) {
            // Reading holds or provenance failed: the delivery is retried, as a failed claim is.
            throw new IncidentFailedException("holds and provenance of " + running.resource(), Failure.classify(e));
        }
        if (!holding.isEmpty()) {
            return incidents.respond(rawEvent, holding);
        }
        if (record.isEmpty()) {
            LOG.info("nothing to do").with("event_id", running.origin().eventId())
                    .with("resource_arn", running.resource()).with("reason", "in service, held by no open incident,"
                            + " and no record of it by a contained credential").log();
            return Responses.status("nothing_to_do").put("reason", running.resource() + " is held by no open"
                    + " incident, and no credential that created or started it is contained");
        }
        return late.contain(rawEvent, record.get());
    }

    // The newest record of the workload whose credential stands contained: the containment's sweep judges it again.
    private Optional<ParseResult.LateRecord> byContainedCredential(ParseResult.InService running) {
        for (Provenance record : records.provenance().history(running.resource())) {
            Optional<String> containment = records.incidents().containedByCaller(record.accessKeyId(),
                    record.principalArn());
            if (containment.isPresent() && record.accessKeyId().isPresent()) {
                return Optional.of(new ParseResult.LateRecord(running.origin(), containment.get(), record));
            }
        }
        return Optional.empty();
    }
}

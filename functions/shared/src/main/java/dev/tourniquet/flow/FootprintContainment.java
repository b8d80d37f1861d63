package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.NotYetConsistentException;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import java.util.List;
import java.util.Optional;

/**
 * Contains what was launched outside the owner's footprint ({@link FootprintGuard} announced it): the function or
 * instance the record names, or the instances a Spot request, fleet or group launched (each with that source, which
 * is scaled to zero, set to capacity 0 or cancelled before the instance's stop). Stop first (concurrency 0, the
 * stop: {@link StopFirst}), then each resource's full incident (evidence, trigger cuts, records, the alert naming the
 * rule broken). One incident per resource and breach ({@code footprint/<resourceId>}): a second announcement of the
 * same resource finds its incident taken.
 */
final class FootprintContainment {
    private static final StructuredLog LOG = StructuredLog.of(FootprintContainment.class);

    private final Sweeper sweeper;
    private final StopFirst stopFirst;
    private final IncidentRunner incidents;

    FootprintContainment(Sweeper sweeper, StopFirst stopFirst, IncidentRunner incidents) {
        this.sweeper = sweeper;
        this.stopFirst = stopFirst;
        this.incidents = incidents;
    }

    ObjectNode contain(JsonNode rawEvent, ParseResult.OutsideFootprint breach) {
        String incident = breach.origin().findingId().orElse(breach.record().resourceId());
        List<Signal> signals;
        try {
            signals = breach.signals().isEmpty() ? launched(breach) : breach.signals();
        } catch (RuntimeException e) {
            // Reading the source's instances failed, or it has launched none yet: retried, named.
            throw new IncidentFailedException(incident, Failure.classify(e));
        }
        LOG.warn("outside the footprint").with("incident_id", incident).with("event_id", breach.origin().eventId())
                .with("resource_arn", breach.record().resourceId())
                .with("finding_type", breach.origin().findingType().orElse(null)).with("resources", signals.size())
                .log();
        if (signals.isEmpty()) {
            return Responses.status("nothing_to_do").put("reason", breach.record().resourceType() + " "
                    + breach.record().resourceId() + " is not contained by this function");
        }
        ObjectNode stopped = stopFirst.stop(signals);
        ObjectNode response = incidents.respond(rawEvent, signals);
        response.set("stoppedFirst", stopped);
        return response;
    }

    // A source's instances: none yet (a Spot request still open, a group still launching) is retried, so that what it
    // launches in the next minutes is found; EventBridge's retries end in the dead-letter queue, alerted.
    private List<Signal> launched(ParseResult.OutsideFootprint breach) {
        Optional<List<Signal>> found = sweeper.launchedBy(breach.origin(), breach.record(), breach.reason());
        if (found.isPresent() && found.get().isEmpty()) {
            throw new NotYetConsistentException(breach.record().resourceType() + " " + breach.record().resourceId()
                    + " has launched no instance yet");
        }
        return found.orElse(List.of());
    }
}

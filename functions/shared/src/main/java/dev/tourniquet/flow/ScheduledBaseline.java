package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.playbook.TamperingPlaybook;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Envelope;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.signal.Tamperer;
import dev.tourniquet.signal.Tampering;
import java.util.List;
import java.util.Optional;

/**
 * The tampering function's schedule: records the region's baseline ({@link BaselineRecorder}), then undoes, as
 * incidents of their own, the weakenings it found where a healthy configuration was recorded (a trail stopped, a
 * detector suspended, one of Tourniquet's rules disabled or its concurrency cut) whose CloudTrail event never reached
 * Tourniquet: both rule watchers disabled at once, a delivery lost. The caller is unknown there: nobody is contained;
 * the alert says so.
 */
public final class ScheduledBaseline {
    /** The source of the origin of a drift: the schedule, not an AWS event. */
    public static final String SOURCE = "tourniquet.baseline";

    private final BaselineRecorder recorder;
    private final IncidentRunner incidents;
    private final Configuration configuration;

    public ScheduledBaseline(String handler, AwsClients clients, Records records, SignalEnricher enricher,
                             Playbook playbook) {
        this.recorder = new BaselineRecorder(clients, records);
        this.configuration = clients.configuration();
        this.incidents = new IncidentRunner(handler, configuration, records, enricher, playbook, new Notices(records));
    }

    /** Records the baseline and undoes what drifted; returns the baseline summary with the drift incidents. */
    public ObjectNode run(JsonNode scheduledEvent) {
        ObjectNode summary = recorder.record();
        List<Signal> drift = BaselineRecorder.drifted(summary).stream()
                .map(d -> (Signal) signal(scheduledEvent, d)).toList();
        if (!drift.isEmpty()) {
            summary.set("incidents", incidents.respond(scheduledEvent, drift).path("incidents"));
        }
        return summary;
    }

    private Tampering signal(JsonNode event, BaselineRecorder.Drift drift) {
        String id = Json.text(event, "/id").orElse("scheduled");
        String region = configuration.region();
        Origin origin = new Origin(id, SOURCE, "Scheduled Event", Optional.empty(), Optional.of(TamperingPlaybook.DRIFT), 0, id,
                configuration.ownStack().accountId(), region,
                Json.text(event, "/time").flatMap(Envelope::instant).orElse(java.time.Instant.now()), false);
        Tamperer unknown = new Tamperer("Unknown", Optional.empty(), Optional.empty(), Optional.empty());
        return new Tampering(origin, drift.weakening(), TamperingPlaybook.DRIFT, drift.resource(), region, unknown, Json.object(),
                Optional.empty());
    }
}

package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.CloudTrailEventParser;
import dev.tourniquet.signal.Envelope;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;

/**
 * Reads one event of CloudTrail's event history ({@code LookupEvents}) as if EventBridge had delivered it: its
 * {@code CloudTrailEvent} is the CloudTrail record as a JSON string, wrapped in the envelope of an
 * {@code AWS API Call via CloudTrail} event and read by {@link CloudTrailEventParser}, so that a record found in the
 * history and the same record delivered by a rule make the same provenance.
 */
final class HistoryRecords {
    /** CloudTrail answers LookupEvents 2 requests per second per account and region. */
    static final double REQUESTS_PER_SECOND = 2;

    private final CloudTrailEventParser parser = new CloudTrailEventParser();

    /**
     * What one history event says.
     *
     * @param records its provenance (none for a read, a failed call, a call Tourniquet keeps no provenance of)
     * @param bad     why it could not be read at all (not JSON, no eventName or eventID), when it could not
     */
    record Read(List<Provenance> records, Optional<String> bad) {
    }

    /**
     * The paced CloudTrail client of one region's event history: one pacer ("cloudtrail", one slot per region) for
     * every LookupEvents the function makes, whichever code asks.
     */
    static CloudTrailClient client(AwsClients clients, String region) {
        return clients.client("cloudtrail", region, CloudTrailClient::builder,
                List.of(clients.pacer("cloudtrail", REQUESTS_PER_SECOND)));
    }

    /** @param region the region whose history held the event (the envelope's region) */
    Read read(Event event, String region) {
        JsonNode record;
        try {
            record = Json.MAPPER.readTree(event.cloudTrailEvent() == null ? "" : event.cloudTrailEvent());
        } catch (JsonProcessingException e) {
            return new Read(List.of(), Optional.of("CloudTrailEvent of " + event.eventId() + " is not JSON"));
        }
        if (record == null || !record.isObject()) {
            return new Read(List.of(), Optional.of("event " + event.eventId() + " has no CloudTrailEvent record"));
        }
        Instant time = event.eventTime() == null ? Instant.EPOCH : event.eventTime();
        Envelope envelope = new Envelope(event.eventId(), "AWS API Call via CloudTrail",
                Json.text(record, "/eventSource").orElse(""), Json.text(record, "/recipientAccountId").orElse(""),
                time, region, record);
        return switch (parser.parse(envelope)) {
            case ParseResult.Observed observed -> new Read(observed.records(), Optional.empty());
            case ParseResult.Rejected rejected -> new Read(List.of(), Optional.of("event " + event.eventId() + ": "
                    + rejected.reason()));
            default -> new Read(List.of(), Optional.empty());
        };
    }
}

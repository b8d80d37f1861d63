package dev.tourniquet.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IncidentIdsTest {
    private static Signal signal(ObjectNode event) {
        return ((ParseResult.Signals) new SignalParser().parse(event)).signals().get(0);
    }

    @Test
    void of_sameFindingRevisionDeliveredTwice_givesTheSameId() {
        ObjectNode event = Samples.load("guardduty-accesskey-malicious-ip-caller.json");
        ObjectNode redelivered = event.deepCopy().put("id", "another-delivery-id");

        assertThat(IncidentIds.of(signal(event))).isEqualTo(IncidentIds.of(signal(redelivered))).startsWith("inc-");
    }

    // Revisions delivered at once must not run incidents side by side on one resource (DuplicateFindingsIT).
    @Test
    void of_newerRevision_givesTheSameId() {
        ObjectNode event = Samples.load("guardduty-accesskey-malicious-ip-caller.json");
        ObjectNode newer = event.deepCopy().put("id", "another-event-id");
        ((ObjectNode) newer.path("detail")).put("updatedAt", "2026-11-21T00:00:00.000Z");

        assertThat(IncidentIds.of(signal(event))).isEqualTo(IncidentIds.of(signal(newer)));
    }

    @Test
    void of_anotherFindingOnTheSameKey_givesANewId() {
        ObjectNode event = Samples.load("guardduty-accesskey-malicious-ip-caller.json");
        ObjectNode other = event.deepCopy();
        ((ObjectNode) other.path("detail")).put("id", "another-finding-id");

        assertThat(IncidentIds.of(signal(event))).isNotEqualTo(IncidentIds.of(signal(other)));
    }

    @Test
    void sha256_knownVector() {
        assertThat(EvidenceBundle.sha256("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

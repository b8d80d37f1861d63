package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import org.junit.jupiter.api.Test;

/** The timeline says what the history sweep found in CloudTrail's event history. */
class DeliveryLogTest {

    @Test
    void read_historySweep_saysWhatTheHistoryHeldThatTheEventsHadNot() {
        ObjectNode delivery = Json.object().put("rule", "CredentialContainedHistoryRule")
                .put("function", "RecordProvenanceFunction");
        ObjectNode response = delivery.putObject("response").put("status", "history_recorded")
                .put("lookup", "AccessKeyId=AKIALEAKED").put("regions", 17).put("found", 21).put("new", 1)
                .put("late", 1);
        response.putArray("resources").add("i-0sa");

        DeliveryLog.Line line = new DeliveryLog().read(delivery);

        assertThat(line.text()).isEqualTo("record-provenance: CloudTrail history (LookupEvents AccessKeyId=AKIALEAKED in"
                + " 17 regions): 21 records, 1 the events had not brought (i-0sa), 1 announced for containment");
        assertThat(line.acted()).isFalse();
    }
}

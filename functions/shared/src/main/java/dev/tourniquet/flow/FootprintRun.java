package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one run of the footprint's inventory gathers: its decisions, what it holds, the regions it could not list. */
final class FootprintRun {
    final JsonNode raw;
    final Instant now;
    /** When the footprint took effect (the inventory's first run with it). */
    final Instant since;
    final List<String> lines = new ArrayList<>();
    final List<Signal> hold = new ArrayList<>();
    final ArrayNode failed = Json.MAPPER.createArrayNode();

    FootprintRun(JsonNode raw, Instant now, Instant since) {
        this.raw = raw;
        this.now = now;
        this.since = since;
    }

    /** One alert listing the run's decisions; none when it decided nothing. */
    void alert(String kind, Records records) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder("Tourniquet's footprint inventory listed the " + kind
                + "s outside the footprint in every enabled region (a backstop for CloudTrail events EventBridge did"
                + " not deliver):\n\n");
        lines.forEach(line -> body.append("  - ").append(line).append('\n'));
        body.append("\nHELD: only the one stopping call; released automatically when a CloudTrail record names an"
                + " exempt principal, an AWS service or Tourniquet, contained in full when one names any other caller."
                + " Yours? ./tourniquet release INCIDENT (then left alone). OWNER'S: there before the footprint took"
                + " effect (" + since + "); never held.\n");
        if (!failed.isEmpty()) {
            body.append("\nNot listed this run (listed again by the next): ").append(failed).append('\n');
        }
        OutcomeRecorder.attempt(() -> records.alerts().publish("Tourniquet: footprint inventory of " + kind + "s: "
                + lines.size() + " decision" + (lines.size() == 1 ? "" : "s"), body.toString()));
    }
}

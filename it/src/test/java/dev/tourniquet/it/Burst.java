package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Events delivered at once (a thread each, released together), then what Lambda does with the deliveries its
 * function failed: delivers each again, at once as they come back a minute later, then those that failed again,
 * up to its two retries.
 *
 * @param delivered the deliveries of the burst, their chain events' too
 * @param retried   the retries' deliveries, their chain events' too
 */
record Burst(List<ObjectNode> delivered, List<ObjectNode> retried) {
    static final String BUSY = "another delivery is running this incident";

    static Burst deliver(Emulator emulator, List<? extends JsonNode> events) {
        List<ObjectNode> delivered = atOnce(events.stream().<Callable<List<ObjectNode>>>map(
                event -> () -> emulator.deliver(event)).toList());
        List<ObjectNode> retried = new ArrayList<>();
        List<ObjectNode> failed = failed(delivered);
        for (int retry = 0; retry < 2 && !failed.isEmpty(); retry++) {
            List<ObjectNode> again = atOnce(failed.stream().<Callable<List<ObjectNode>>>map(
                    d -> () -> emulator.retry(d)).toList());
            retried.addAll(again);
            failed = failed(again);
        }
        return new Burst(delivered, retried);
    }

    /** The deliveries of the burst that found their incident run by another, and failed to be retried. */
    List<ObjectNode> busy() {
        return delivered.stream().filter(d -> d.path("error").asText().contains(BUSY)).toList();
    }

    /** Nothing was lost: only busy deliveries failed, and their retries found the incident done. */
    Burst assertNothingLost() {
        assertThat(failed(delivered).size()).as("deliveries that failed other than busy")
                .isEqualTo(busy().size());
        assertThat(failed(retried)).as("retries that failed").isEmpty();
        return this;
    }

    private static List<ObjectNode> failed(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> d.has("error")).toList();
    }

    private static List<ObjectNode> atOnce(List<Callable<List<ObjectNode>>> tasks) {
        return Concurrently.run(tasks).stream().flatMap(List::stream).toList();
    }
}

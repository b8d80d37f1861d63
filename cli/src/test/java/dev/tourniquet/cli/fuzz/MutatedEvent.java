package dev.tourniquet.cli.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A sample event after {@link JsonMutator}: which sample, what was changed (enough to rebuild it by hand
 * when a property fails), and the event itself.
 */
public record MutatedEvent(String sample, List<String> changes, JsonNode event) {

    public MutatedEvent {
        changes = List.copyOf(changes);
    }

    // jqwik prints this for a failing try: the event itself can be 300 KB.
    @Override
    public String toString() {
        return sample + " " + changes;
    }
}

package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Optional;

/** The response documents a handler returns, and how several incidents' results make one. */
final class Responses {
    private Responses() {}

    static ObjectNode status(String status) {
        return Json.object().put("status", status);
    }

    /** The incidents' responses; the first incident failure is thrown once every signal had its turn. */
    static ObjectNode collect(List<RegionalSweep.Attempt<ObjectNode>> attempts) {
        Collected collected = gather(attempts);
        if (collected.failure().isPresent()) {
            throw collected.failure().get();
        }
        return collected.response();
    }

    /**
     * What a sweep's attempts gave, its failure not thrown yet (a sweep that continues leaves it to the continuation).
     *
     * @param notStarted how many signals the budget left untouched (not in the response's incidents)
     */
    record Collected(ObjectNode response, Optional<IncidentFailedException> failure, int notStarted) {
    }

    /** The incidents' responses and the first incident failure; an unclassified exception is thrown at once. */
    static Collected gather(List<RegionalSweep.Attempt<ObjectNode>> attempts) {
        ArrayNode incidents = Json.MAPPER.createArrayNode();
        Optional<IncidentFailedException> failure = Optional.empty();
        int notStarted = 0;
        for (RegionalSweep.Attempt<ObjectNode> attempt : attempts) {
            if (!attempt.started()) {
                notStarted++;
            } else if (attempt.failure() instanceof IncidentFailedException failed) {
                failure = failure.or(() -> Optional.of(failed));
            } else if (attempt.failure() != null) {
                throw attempt.failure();
            } else {
                incidents.add(attempt.value());
            }
        }
        ObjectNode response = status(attempts.isEmpty() ? "nothing_to_do" : "done");
        response.set("incidents", incidents);
        return new Collected(response, failure, notStarted);
    }
}

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
        ArrayNode incidents = Json.MAPPER.createArrayNode();
        Optional<IncidentFailedException> failure = Optional.empty();
        for (RegionalSweep.Attempt<ObjectNode> attempt : attempts) {
            if (attempt.failure() instanceof IncidentFailedException failed) {
                failure = failure.or(() -> Optional.of(failed));
            } else if (attempt.failure() != null) {
                throw attempt.failure();
            } else {
                incidents.add(attempt.value());
            }
        }
        if (failure.isPresent()) {
            throw failure.get();
        }
        ObjectNode response = status(attempts.isEmpty() ? "nothing_to_do" : "done");
        response.set("incidents", incidents);
        return response;
    }
}

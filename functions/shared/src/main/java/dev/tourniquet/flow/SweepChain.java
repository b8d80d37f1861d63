package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.Records;
import dev.tourniquet.records.SweepContinuations;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.SweepContinuation;
import dev.tourniquet.signal.SweepRequest;

/**
 * Ends one invocation of a sweep. When its budget left resources untouched, the same sweep is put on Tourniquet's
 * bus as a {@link ChainEvents#SWEEP_CONTINUED} event for this function alone (its own rule routes it back); the next
 * invocation re-expands the sweep and finds what was done a duplicate by its claim, with no call to the resource's
 * service, and what failed resumed. A failure is then left to the continuation rather than thrown; the last invocation,
 * which leaves nothing, throws it for Lambda's retry as any sweep does.
 *
 * <p>A chain ends: after {@link SweepContinuation#MAX_HOPS} continuations the sweep alerts and fails (dead-lettered,
 * never silent). Duplicate deliveries of one hop put the next one once ({@link SweepContinuations}); a delivery that finds
 * the next hop claimed by another and not put fails, to be retried, rather than end the chain quietly.
 */
final class SweepChain {
    private static final StructuredLog LOG = StructuredLog.of(SweepChain.class);

    private final Records records;
    private final String handler;
    private final Notices notices;

    SweepChain(Records records, String handler, Notices notices) {
        this.records = records;
        this.handler = handler;
        this.notices = notices;
    }

    /**
     * The response of the invocation at {@code at}, continued when {@code notStarted} resources were left.
     *
     * @param request     the sweep as it was delivered (the continuation carries it unchanged)
     * @param containment the containment the resources' incidents belong to
     * @param run         the incidents' responses and first failure
     * @param notStarted  how many resources were left untouched (by the incidents, or by an earlier phase)
     */
    ObjectNode settle(SweepRequest request, String containment, SweepContinuation at, Responses.Collected run,
                      int notStarted) {
        ObjectNode response = run.response().put("hop", at.hop());
        if (notStarted == 0) {
            run.failure().ifPresent(failure -> {
                throw failure;
            });
            return response;
        }
        response.put("status", "continues").put("notStarted", notStarted);
        run.failure().ifPresent(f -> response.put("failedThisHop", f.getMessage()));
        if (at.exhausted()) {
            return limitReached(request, containment, at, notStarted);
        }
        SweepContinuation next = at.next(handler);
        ObjectNode continued = response.putObject("continuation").put("hop", next.hop()).put("function", handler);
        SweepContinuations.Claim claim;
        try {
            claim = records.continuations().claim(containment, next);
        } catch (RuntimeException e) {
            throw new IncidentFailedException(containment, Failure.classify(e));
        }
        switch (claim.kind()) {
            case SENT -> {
                // Another delivery of this hop put it already: one chain, not two.
                LOG.info("sweep continued by another delivery").with("incident_id", containment)
                        .with("handler", handler).with("hop", next.hop()).log();
                continued.put("duplicate", true);
                return response;
            }
            case PENDING -> throw new IncidentFailedException(containment, new Failure(Failure.Kind.TRANSIENT,
                    "another delivery claimed putting hop " + next.hop() + " of this sweep and has not put it; a retry"
                            + " finds it put, or takes it over"));
            case MINE -> {
                // This delivery puts it.
            }
        }
        String eventId;
        try {
            eventId = records.chainEvents().put(ChainEvents.SWEEP_CONTINUED, next.detail(request));
        } catch (RuntimeException e) {
            OutcomeRecorder.attempt(() -> records.continuations().failed(containment, next, claim.token()));
            throw new IncidentFailedException(containment, Failure.classify(e));
        }
        // Not written: a duplicate delivery of this hop finds the claim pending, fails and is retried, then takes over.
        OutcomeRecorder.attempt(() -> records.continuations().sent(containment, next, claim.token(), eventId));
        LOG.info("sweep continues").with("incident_id", containment).with("handler", handler)
                .with("hop", next.hop()).with("not_started", notStarted).with("event_id", eventId).log();
        continued.put("event", eventId);
        return response;
    }

    private ObjectNode limitReached(SweepRequest request, String containment, SweepContinuation at, int notStarted) {
        LOG.error("sweep continuation limit").with("incident_id", containment).with("handler", handler)
                .with("hop", at.hop()).with("not_started", notStarted).log();
        notices.sweepUnfinished(request, handler, at, notStarted);
        throw new IncidentFailedException(containment, new Failure(Failure.Kind.CONTAINMENT_FAILED, "the sweep of "
                + request.accessKeyId() + " by " + handler + " is still not done after " + at.hop()
                + " continuations; " + notStarted + " resource(s) were not started (alerted; not continued again)"));
    }
}

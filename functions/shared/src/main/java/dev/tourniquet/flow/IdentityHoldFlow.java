package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.playbook.ThisAccountOnly;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.SignalEnricher;

/**
 * The credential function's flow with the exposure hold of identities: its review schedule
 * ({@link IdentityReview#RULE_NAME}) runs the review; every other delivery goes to the {@link Responder}, whose
 * persistence sweep takes the hold ({@link PersistenceSweeper}).
 */
public final class IdentityHoldFlow implements FunctionFlow {
    private final Responder responder;
    private final IdentityReview review;

    /**
     * @param responder the credential function's responder (its sweeper built with {@code hold})
     * @param playbook  the playbook the responder runs (the review's containments are planned by it too)
     */
    public IdentityHoldFlow(String handler, AwsClients clients, Records records, SignalEnricher enricher,
                            Playbook playbook, IdentityHold hold, Responder responder) {
        this.responder = responder;
        ThisAccountOnly own = new ThisAccountOnly(playbook, clients.configuration().ownStack());
        this.review = new IdentityReview(hold, new Releaser(clients), new IncidentRunner(handler,
                clients.configuration(), records, enricher, own, new Notices(records)));
    }

    @Override
    public ObjectNode handle(Delivery delivery) {
        if (delivery.raw() != null && IdentityReview.isReview(delivery.raw())) {
            try {
                return review.run(delivery.raw());
            } catch (IncidentFailedException e) {
                throw e;
            } catch (RuntimeException e) {
                // Reading the holds, IAM or the records failed: classified once, and the schedule's retry resumes.
                throw new IncidentFailedException("identity hold review " + delivery.eventId(),
                        dev.tourniquet.internal.Failure.classify(e));
            }
        }
        return responder.handle(delivery);
    }

    @Override
    public ObjectNode planOffline(Delivery delivery) {
        if (delivery.raw() != null && IdentityReview.isReview(delivery.raw())) {
            ObjectNode json = dev.tourniquet.internal.Json.object().put("decision", "review").put("rationale",
                    "review the open exposure holds of identities (read from the records at run time)");
            // The target as the event names it: the schedule's rule ARN.
            String rule = java.util.stream.StreamSupport.stream(delivery.raw().path("resources").spliterator(), false)
                    .map(com.fasterxml.jackson.databind.JsonNode::asText)
                    .filter(arn -> arn.endsWith(":rule/" + IdentityReview.RULE_NAME)).findFirst()
                    .orElse(IdentityReview.RULE_NAME);
            json.putArray("steps").addObject().put("action", "review-identity-holds").put("target", rule);
            return json;
        }
        return responder.planOffline(delivery);
    }

    @Override
    public void primeClients() {
        responder.primeClients();
    }
}

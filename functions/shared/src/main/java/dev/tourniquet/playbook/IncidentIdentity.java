package dev.tourniquet.playbook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.events.EmitChainEvent;
import java.util.Optional;

/**
 * An identity an incident's credential made counts as part of the incident: a {@code Credential Contained} chain
 * event for it, with implication {@code incident-identity} and the incident's window, so that what it did (functions,
 * instances, further IAM) is contained the same way by every sweep.
 */
public final class IncidentIdentity {
    private IncidentIdentity() {}

    /**
     * The announcement of {@code credential} contained.
     *
     * @param credential   a key id ({@code AKIA…}), or {@code user/NAME} / {@code role/NAME} for every key and session
     *                     of an identity the incident created
     * @param principalArn the identity behind it, only when all it does is the incident's (never the owner's user a
     *                     key was minted on: its own work is not swept)
     */
    public static Step contained(AwsClients clients, PersistenceUndo.Incident incident, String credential,
                                 String principalType, Optional<String> principalArn) {
        ObjectNode detail = Json.object().put("accessKeyId", credential).put("principalType", principalType)
                .put("windowStart", incident.windowStart().toString())
                .put("implication", Implication.INCIDENT_IDENTITY.id());
        principalArn.ifPresent(arn -> detail.put("principalArn", arn));
        return new EmitChainEvent(clients::eventBridge, clients.configuration().busName(),
                ChainEvents.CREDENTIAL_CONTAINED, credential, detail);
    }
}

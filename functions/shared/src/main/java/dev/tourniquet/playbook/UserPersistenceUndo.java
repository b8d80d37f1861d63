package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.iam.DeactivateAccessKey;
import java.util.List;
import java.util.Optional;

/**
 * Undoes the users and credentials a contained credential made: a minted access key inactive (on the owner's user
 * only that key), and the key itself part of the incident.
 */
final class UserPersistenceUndo implements PersistenceUndo {
    private final AwsClients clients;

    UserPersistenceUndo(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<List<Step>> undo(Provenance record, Incident incident) {
        String id = record.resourceId();
        if (!"identity".equals(record.resourceType())) {
            return Optional.empty();
        }
        if (id.startsWith("key/") && record.detail("userName").isPresent()) {
            return Optional.of(mintedKey(record, incident, id.substring("key/".length()),
                    record.detail("userName").get()));
        }
        return Optional.empty();
    }

    // Only that key: the user and its other keys are the owner's unless the incident created the user.
    private List<Step> mintedKey(Provenance record, Incident incident, String key, String user) {
        Optional<String> principal = incident.created("user/" + user)
                ? Optional.of(incident.iamArn("user/" + user)) : Optional.empty();
        return List.of(new DeactivateAccessKey(clients.iam(), user, key),
                IncidentIdentity.contained(clients, incident, key, "IAMUser", principal));
    }
}

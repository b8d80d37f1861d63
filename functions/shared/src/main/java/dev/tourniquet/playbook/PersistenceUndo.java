package dev.tourniquet.playbook;

import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.step.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one kind of thing a contained credential made in IAM is undone: the extension point of the
 * {@link PersistencePlaybook}. An implementation claims the records it knows ({@code resourceType} and the kind in
 * {@code resourceId}, the event name) and returns the steps that undo one, or empty for a record it does not know.
 * It decides only: it never calls AWS (the steps do, when run). Implementations are listed in
 * {@link PersistencePlaybook#undos}; the first that claims a record plans it.
 */
public interface PersistenceUndo {

    /**
     * The steps that undo {@code record} (an empty list: recorded and alerted, nothing to change), or empty when this
     * undo does not know the record.
     */
    Optional<List<Step>> undo(Provenance record, Incident incident);

    /** Why the steps were chosen, for the alert: what was done, and what was left for a person. */
    default String rationale(Provenance record, Incident incident) {
        return record.eventName() + " by contained credential " + incident.credential() + " at " + record.time()
                + " (incident " + incident.containment() + ")";
    }

    /** What the incident knows, without calling AWS, that an undo decides on. */
    interface Incident {
        /**
         * Whether one of the incident's principals created this identity ({@code user/NAME}, {@code role/NAME})
         * inside the window, from identity provenance: it is the attacker's, denied outright. An identity it did not
         * create is the owner's: only what the credential added to it is undone.
         */
        boolean created(String identity);

        /**
         * Whether this identity is denied whole by the incident: one it created, or the user behind the contained
         * credential (its containment attached the deny-all quarantine policy).
         */
        boolean denied(String identity);

        /** When the credential's exposure window opened. */
        Instant windowStart();

        /** Whether irreversible actions (deleting a login profile) are allowed ({@code AllowIrreversibleActions}). */
        boolean irreversibleActions();

        /** The incident that contained the credential. */
        String containment();

        /** The contained credential (an access key id, or {@code user/NAME} of an identity the incident created). */
        String credential();

        /** How the credential came into the incident. */
        Implication implication();

        /** The ARN partition of the incident's account. */
        String partition();

        /** The account the record is about (this one: another account is never acted on). */
        String accountId();

        /** The stack's deny-all managed quarantine policy. */
        String quarantinePolicyArn();

        /** The ARN of a user or role ({@code user/NAME}, {@code role/NAME}) of the record's account. */
        default String iamArn(String identity) {
            return "arn:" + partition() + ":iam::" + accountId() + ":" + identity;
        }
    }
}

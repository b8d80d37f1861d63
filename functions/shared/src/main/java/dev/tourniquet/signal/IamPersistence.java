package dev.tourniquet.signal;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One thing a contained credential made or changed in IAM inside its exposure window, read from provenance: an
 * identity it created ({@code resourceType identity}: {@code user/NAME}, {@code key/AKIA…}, {@code session/ASIA…}
 * …) or a change to an IAM thing ({@code resourceType iam}: {@code login:user/NAME}, {@code mfa:SERIAL} …). Each
 * record is an incident of its own, of the containment that found it (one per record per containment), and is
 * undone by the {@code PersistenceUndo} that claims its kind.
 *
 * @param origin      the containment's chain event, with the containment and the record's event as its finding id
 * @param containment the incident that contained the credential
 * @param credential  the contained credential (an access key id, or {@code user/NAME} of an identity the incident
 *                    created)
 * @param record      the provenance record to undo
 * @param created     every identity ({@code user/NAME}, {@code role/NAME}) one of the incident's principals created
 *                    inside its window, from identity provenance: what the incident may deny outright
 * @param windowStart when the credential's exposure window opened
 * @param implication how the credential came into the incident
 * @param principalArn the identity behind the contained credential, when all it does is the incident's (the user of a
 *                    leaked key, quarantined by its containment; an identity the incident created); empty for a key
 *                    minted on the owner's user
 */
public record IamPersistence(Origin origin, String containment, String credential, Provenance record,
                             Set<String> created, Instant windowStart, Implication implication,
                             Optional<String> principalArn) implements Signal {

    public IamPersistence {
        created = Set.copyOf(created);
    }

    /** The origin of one record's incident: the containment's, one incident per record and containment. */
    public static Origin originOf(SweepRequest request, Provenance record) {
        Origin base = request.resourceOrigin(record.accountId(), record.region());
        return new Origin(base.eventId(), base.source(), base.detailType(),
                Optional.of(request.incidentId() + "#" + record.eventId()), base.findingType(), 0, "",
                base.accountId(), base.region(), base.time(), false);
    }

    @Override
    public String subject() {
        return record.resourceId();
    }

    @Override
    public String signalType() {
        return "iam_persistence";
    }
}

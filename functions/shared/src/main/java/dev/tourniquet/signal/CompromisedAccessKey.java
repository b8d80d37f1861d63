package dev.tourniquet.signal;

/**
 * A long-term IAM user access key ({@code AKIA…}) that leaked or was misused.
 *
 * @param accessKeyId the one key to deactivate; the user's other keys are never touched
 * @param principal   the user owning it (its name may be unknown until IAM is asked)
 * @param reason      a human sentence on why (finding title, Health description, chain reason)
 * @param implicated  how the signal implicates the key (exposed, or only as the creator of a caught resource)
 */
public record CompromisedAccessKey(Origin origin, String accessKeyId, Principal principal, String reason,
                                   Implicated implicated) implements Signal {

    /** A key reported exposed or compromised itself. */
    public CompromisedAccessKey(Origin origin, String accessKeyId, Principal principal, String reason) {
        this(origin, accessKeyId, principal, reason, Implicated.EXPOSED);
    }

    @Override
    public String subject() {
        return accessKeyId;
    }

    @Override
    public String signalType() {
        return "access_key";
    }

    public CompromisedAccessKey withPrincipal(Principal resolved) {
        return new CompromisedAccessKey(origin, accessKeyId, resolved, reason, implicated);
    }
}

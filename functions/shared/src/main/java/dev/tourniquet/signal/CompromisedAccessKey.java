package dev.tourniquet.signal;

/**
 * A long-term IAM user access key ({@code AKIA…}) that leaked or was misused.
 *
 * @param accessKeyId the one key to deactivate; the user's other keys are never touched
 * @param principal   the user owning it (its name may be unknown until IAM is asked)
 * @param reason      a human sentence on why (finding title, Health description, chain reason)
 */
public record CompromisedAccessKey(Origin origin, String accessKeyId, Principal principal, String reason)
        implements Signal {

    @Override
    public String subject() {
        return accessKeyId;
    }

    @Override
    public String signalType() {
        return "access_key";
    }

    public CompromisedAccessKey withPrincipal(Principal resolved) {
        return new CompromisedAccessKey(origin, accessKeyId, resolved, reason);
    }
}

package dev.tourniquet.signal;

/**
 * Temporary credentials ({@code ASIA…}) of an assumed-role session, for example instance credentials
 * used outside AWS. A session key cannot be deactivated: the role's sessions issued before now are
 * revoked instead.
 *
 * @param accessKeyId the temporary key id seen in the event
 * @param principal   the role (name from the event's {@code userName} or session ARN)
 */
public record CompromisedRoleSession(Origin origin, String accessKeyId, Principal principal, String reason)
        implements Signal {

    @Override
    public String subject() {
        return accessKeyId;
    }

    @Override
    public String signalType() {
        return "role_session";
    }

    public CompromisedRoleSession withPrincipal(Principal resolved) {
        return new CompromisedRoleSession(origin, accessKeyId, resolved, reason);
    }
}

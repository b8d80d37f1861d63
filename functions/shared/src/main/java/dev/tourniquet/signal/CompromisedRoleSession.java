package dev.tourniquet.signal;

/**
 * Temporary credentials ({@code ASIA…}) of an assumed-role session, for example instance credentials
 * used outside AWS. A session key cannot be deactivated: the role's sessions issued before now are
 * revoked instead.
 *
 * @param accessKeyId the temporary key id seen in the event
 * @param principal   the role (name from the event's {@code userName} or session ARN)
 * @param session     the one session the key belongs to (the session ARN's last part, or the part of GuardDuty's
 *                    {@code principalId} after the colon), when the event names it: only that session is revoked,
 *                    never every session of the role
 * @param implicated  how the signal implicates the session (exposed, or only as the creator of a caught resource)
 */
public record CompromisedRoleSession(Origin origin, String accessKeyId, Principal principal, String reason,
                                     java.util.Optional<String> session, Implicated implicated) implements Signal {

    /** A session reported exposed or compromised itself. */
    public CompromisedRoleSession(Origin origin, String accessKeyId, Principal principal, String reason,
                                  java.util.Optional<String> session) {
        this(origin, accessKeyId, principal, reason, session, Implicated.EXPOSED);
    }

    public CompromisedRoleSession(Origin origin, String accessKeyId, Principal principal, String reason) {
        this(origin, accessKeyId, principal, reason, java.util.Optional.empty());
    }

    /**
     * The session name of {@code arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION}, or of a principal id
     * {@code AROA…:SESSION}; empty when there is none, or it is no valid session name.
     */
    public static java.util.Optional<String> sessionOf(String sessionArnOrPrincipalId) {
        String text = sessionArnOrPrincipalId == null ? "" : sessionArnOrPrincipalId;
        int cut = text.startsWith("arn:") ? (Principal.roleOfSession(text).isPresent() ? text.lastIndexOf('/') : -1)
                : text.indexOf(':');
        String name = cut < 0 ? "" : text.substring(cut + 1);
        return name.matches("[\\w+=,.@-]{2,64}") ? java.util.Optional.of(name) : java.util.Optional.empty();
    }

    @Override
    public String subject() {
        return accessKeyId;
    }

    @Override
    public String signalType() {
        return "role_session";
    }

    public CompromisedRoleSession withPrincipal(Principal resolved) {
        return new CompromisedRoleSession(origin, accessKeyId, resolved, reason, session, implicated);
    }
}

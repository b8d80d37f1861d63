package dev.tourniquet.step.iam;

import java.time.Instant;
import java.util.Optional;

/**
 * The policies Tourniquet writes: the only names and contents its {@code iam:PutUserPolicy} and
 * {@code iam:PutRolePolicy} calls may carry (the least-privilege tests check every write against them, since IAM
 * has no condition key that could pin an inline policy's name or content). Every one denies, none allows. Deny-all is deliberate: AWS's own
 * {@code AWSCompromisedKeyQuarantineV3} leaves {@code lambda:InvokeFunction},
 * {@code lambda:UpdateFunctionConfiguration}, {@code events:*} and {@code scheduler:*} open, which is
 * exactly how a miner is kept re-installed. An explicit Deny of {@code *} wins over every Allow,
 * covers session tokens the user issued, and leaves no list to keep current.
 */
public final class QuarantinePolicies {
    public static final String USER_POLICY_NAME = "TourniquetQuarantine";
    public static final String ROLE_SESSIONS_POLICY_NAME = "TourniquetRevokeOlderSessions";
    /** The user policy denying its console ({@link #DENY_TEMPORARY_CREDENTIALS}). */
    public static final String CONSOLE_POLICY_NAME = "TourniquetDenyConsole";
    /** The names of the policies revoking one session each ({@link #sessionPolicyName}). */
    public static final String SESSION_POLICY_PREFIX = "TourniquetRevokeSession-";
    /** What a session name may hold (AssumeRole's RoleSessionName): no IAM wildcard can slip into a policy. */
    public static final String SESSION_NAME = "[\\w+=,.@-]{2,64}";

    /** The deny-all document: the stack's managed quarantine policy holds it, and so does the inline fallback. */
    public static final String DENY_ALL = """
            {"Version":"2012-10-17","Statement":[{"Sid":"TourniquetQuarantineDenyAll","Effect":"Deny",\
            "Action":"*","Resource":"*"}]}""";

    /**
     * Denies every request signed with temporary credentials ({@code aws:TokenIssueTime} is present only then): an IAM
     * user's console session, its GetSessionToken and GetFederationToken sessions. Its access keys keep working.
     */
    public static final String DENY_TEMPORARY_CREDENTIALS = """
            {"Version":"2012-10-17","Statement":[{"Sid":"TourniquetDenyConsole","Effect":"Deny",\
            "Action":"*","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"false"}}}]}""";

    private QuarantinePolicies() {}

    /**
     * Denies every request signed with a session issued before {@code issuedBefore}; with a session name, only
     * that session's ({@code aws:userid} of an assumed role is {@code ROLE_ID:SESSION_NAME}).
     */
    public static String denySessionsIssuedBefore(Instant issuedBefore, Optional<String> session) {
        String only = session.map(name -> ",\"StringLike\":{\"aws:userid\":\"*:" + name + "\"}").orElse("");
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"TourniquetRevokeOlderSessions","Effect":"Deny",\
                "Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"%s"}%s}}]}"""
                .formatted(issuedBefore.toString(), only);
    }

    /** One policy per revoked session, so that revoking one never replaces another's. */
    public static String sessionPolicyName(Optional<String> session) {
        return session.map(name -> SESSION_POLICY_PREFIX + name.replaceAll("[^\\w+=,.@-]", "_"))
                .orElse(ROLE_SESSIONS_POLICY_NAME);
    }
}

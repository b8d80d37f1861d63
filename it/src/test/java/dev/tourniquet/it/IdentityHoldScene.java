package dev.tourniquet.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Mode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The exposure hold of identities in the emulated account, at real time (IAM reports when each identity was created,
 * and the emulator stamps it now): the owner's {@value #OLD_OWNER} and the leaked key's user exist before the window;
 * the window opens at the leak ({@code ExposureLookBackMinutes} 0, so that the second before is outside it); then
 * the attacker creates {@value #ATTACKER} and the role {@value #ROLE} and mints a key on {@value #OLD_OWNER}, and the
 * owner's {@value #OWNER_ADMIN} creates {@value #NEW_HIRE}. No CloudTrail record has arrived when AWS Health reports
 * the key.
 */
final class IdentityHoldScene {
    static final String LEAKED_USER = "deploy-bot";
    static final String OLD_OWNER = "release-bot";
    static final String OWNER_ADMIN = "alice";
    static final String ATTACKER = "svc-backup";
    static final String ROLE = "OrganizationAccountSupportRole";
    static final String NEW_HIRE = "new-hire";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final Emulator emulator;
    private final IamClient iam;
    final String leakedKey;
    final String oldOwnersKey;
    final String adminsKey;
    final Instant leakedAt;
    String mintedKey;

    private IdentityHoldScene(Emulator emulator) {
        this.emulator = emulator;
        this.iam = emulator.admin().iam();
        iam.createUser(r -> r.userName(LEAKED_USER));
        iam.createUser(r -> r.userName(OLD_OWNER));
        iam.createUser(r -> r.userName(OWNER_ADMIN));
        leakedKey = key(LEAKED_USER);
        oldOwnersKey = key(OLD_OWNER);
        adminsKey = key(OWNER_ADMIN);
        // The leak a second after the account was set up: what came before is outside the window.
        sleep(Duration.ofMillis(1_100));
        leakedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The scene's account, the hold on or off; the window opens at the leak itself. */
    static IdentityHoldScene on(boolean hold) {
        return new IdentityHoldScene(Emulator.fresh(Mode.ENFORCE, List.of(), c -> windowAtTheLeak(c, hold), List.of()));
    }

    /** The scene in an account built already (the fault harness's), configured with {@link #windowAtTheLeak}. */
    static IdentityHoldScene on(Emulator emulator) {
        return new IdentityHoldScene(emulator);
    }

    /** The owner's users untouched, the attacker's user and role denied, the minted key inactive. */
    boolean held() {
        return userDenied(ATTACKER) && roleDenied(ROLE) && sessionsRevoked(ROLE)
                && status(OLD_OWNER, mintedKey) == StatusType.INACTIVE && ownersUntouched();
    }

    boolean ownersUntouched() {
        return Quarantine.policies(iam, OLD_OWNER).isEmpty() && status(OLD_OWNER, oldOwnersKey) == StatusType.ACTIVE
                && Quarantine.policies(iam, OWNER_ADMIN).isEmpty() && status(OWNER_ADMIN, adminsKey) == StatusType.ACTIVE;
    }

    static Configuration windowAtTheLeak(Configuration configuration, boolean hold) {
        return configuration.toBuilder().exposureLookBack(Duration.ZERO).exposureHold(hold).build();
    }

    Emulator emulator() {
        return emulator;
    }

    IamClient iam() {
        return iam;
    }

    /** What the attacker and the owner do inside the window, before AWS Health reports the key. */
    void insideTheWindow() {
        iam.createUser(r -> r.userName(ATTACKER));
        iam.createRole(r -> r.roleName(ROLE).assumeRolePolicyDocument(TRUST));
        mintedKey = key(OLD_OWNER);
        iam.createUser(r -> r.userName(NEW_HIRE));
    }

    /** AWS Health reporting the leaked key, exposed at the leak. */
    ObjectNode exposed() {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(leakedAt.atOffset(ZoneOffset.UTC));
        event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ((ObjectNode) event.path("detail")).put("startTime", at).put("lastUpdatedTime", at);
        ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).put("entityValue", leakedKey);
        return event;
    }

    /** CloudTrail's record of a {@code CreateUser}, arriving now, by {@code caller}'s key. */
    ObjectNode createUserRecord(String user, String caller, String callersKey) {
        ObjectNode event = Emulator.sample("cloudtrail-iam-create-user.json");
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("eventTime", leakedAt.plusSeconds(1).toString())
                .put("eventID", java.util.UUID.nameUUIDFromBytes((user + caller).getBytes()).toString());
        ((ObjectNode) detail.path("userIdentity")).put("accessKeyId", callersKey)
                .put("arn", "arn:aws:iam::123456789012:user/" + caller).put("userName", caller);
        ((ObjectNode) detail.path("requestParameters")).put("userName", user);
        ((ObjectNode) detail.path("responseElements").path("user")).put("userName", user)
                .put("arn", "arn:aws:iam::123456789012:user/" + user);
        return event;
    }

    /** The minute's review of the open holds, as EventBridge's schedule sends it. */
    static ObjectNode review() {
        ObjectNode event = Emulator.sample("scheduled-identity-hold-review.json");
        event.put("id", java.util.UUID.randomUUID().toString()).put("time", Instant.now().toString());
        return event;
    }

    boolean userDenied(String user) {
        return Quarantine.of(iam, user);
    }

    boolean roleDenied(String role) {
        return iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
                .anyMatch(p -> p.policyArn().equals(Quarantine.POLICY_ARN));
    }

    boolean sessionsRevoked(String role) {
        return iam.listRolePolicies(r -> r.roleName(role)).policyNames().contains("TourniquetRevokeOlderSessions");
    }

    StatusType status(String user, String key) {
        return iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).findFirst().orElseThrow().status();
    }

    private String key(String user) {
        return iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

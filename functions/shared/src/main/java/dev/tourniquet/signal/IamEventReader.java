package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the identities a credential created and the IAM things it changed from the CloudTrail records of those
 * calls, with what undoing them needs in {@link Provenance#details()}:
 * <ul>
 *   <li>IAM {@code CreateUser} ({@code identity user/NAME}), {@code CreateAccessKey} ({@code identity key/AKIA…},
 *       the key minted: {@code responseElements.accessKey.accessKeyId}, details {@code userName}; whether that user
 *       existed is judged at containment, from provenance), {@code CreateServiceSpecificCredential}
 *       ({@code identity service-credential/ID} from {@code responseElements.serviceSpecificCredential}, details
 *       {@code userName}, {@code serviceName});</li>
 *   <li>IAM {@code CreateLoginProfile}, {@code UpdateLoginProfile} ({@code iam login:user/NAME}, details
 *       {@code userName}), {@code CreateVirtualMFADevice} ({@code iam mfa:SERIAL} from
 *       {@code responseElements.virtualMFADevice.serialNumber}), {@code EnableMFADevice} ({@code iam mfa:SERIAL},
 *       details {@code userName});</li>
 *   <li>STS {@code GetFederationToken} and {@code AssumeRole} ({@code identity session/ASIA…}, the session's key from
 *       {@code responseElements.credentials.accessKeyId}; details {@code federatedUser} or {@code roleArn},
 *       {@code sessionName}, {@code sessionArn}).</li>
 * </ul>
 * A user's own name is {@code requestParameters.userName}; a caller naming none acts on itself (IAM's rule for
 * {@code CreateAccessKey}, {@code CreateServiceSpecificCredential} …), so its own user is read from its ARN.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html">IAM and STS in
 *     CloudTrail</a>
 */
final class IamEventReader {
    /** The provenance resource type of a change to an IAM thing ({@code KIND:TARGET}). */
    static final String IAM = "iam";
    /** The calls read here; the rule {@code tourniquet-iam-provenance} delivers them. */
    static final Set<String> EVENTS = Set.of("CreateUser", "CreateAccessKey", "CreateLoginProfile",
            "UpdateLoginProfile", "CreateServiceSpecificCredential", "CreateVirtualMFADevice", "EnableMFADevice",
            "GetFederationToken", "AssumeRole");

    private IamEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        JsonNode response = record.path("responseElements");
        Optional<String> user = Json.text(request, "/userName").or(() -> Principal.userOfArn(caller.principalArn()));
        List<Provenance> found = new ArrayList<>();
        switch (caller.eventName()) {
            case "CreateUser" -> user.ifPresent(name -> found.add(identity(caller, TagWrites.user(name),
                    Map.of("userName", name))));
            case "CreateAccessKey" -> Json.text(response, "/accessKey/accessKeyId").ifPresent(key -> found.add(
                    identity(caller, TagWrites.key(key), named("userName",
                            Json.text(response, "/accessKey/userName").or(() -> user)))));
            case "CreateServiceSpecificCredential" -> {
                JsonNode credential = response.path("serviceSpecificCredential");
                Json.text(credential, "/serviceSpecificCredentialId").ifPresent(id -> {
                    Map<String, String> details = named("userName", Json.text(credential, "/userName").or(() -> user));
                    Json.text(credential, "/serviceName").or(() -> Json.text(request, "/serviceName"))
                            .ifPresent(service -> details.put("serviceName", service));
                    found.add(identity(caller, "service-credential/" + id, details));
                });
            }
            case "CreateLoginProfile", "UpdateLoginProfile" -> user.ifPresent(name -> found.add(
                    caller.provenance(IAM, "login:" + TagWrites.user(name), Map.of("userName", name))));
            case "CreateVirtualMFADevice" -> Json.text(response, "/virtualMFADevice/serialNumber")
                    .ifPresent(serial -> found.add(caller.provenance(IAM, "mfa:" + serial, Map.of())));
            case "EnableMFADevice" -> Json.text(request, "/serialNumber").ifPresent(serial -> found.add(
                    caller.provenance(IAM, "mfa:" + serial, named("userName", user))));
            case "GetFederationToken", "AssumeRole" -> session(record, caller).ifPresent(found::add);
            default -> { }
        }
        return found;
    }

    // The session a key opened: its temporary key, and what revoking that one session needs.
    private static Optional<Provenance> session(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        JsonNode response = record.path("responseElements");
        Optional<String> key = Json.text(response, "/credentials/accessKeyId");
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> details = new HashMap<>();
        if ("AssumeRole".equals(caller.eventName())) {
            Json.text(request, "/roleArn").ifPresent(arn -> details.put("roleArn", arn));
            Json.text(request, "/roleSessionName").ifPresent(name -> details.put("sessionName", name));
            Json.text(response, "/assumedRoleUser/arn").ifPresent(arn -> details.put("sessionArn", arn));
        } else {
            Json.text(request, "/name").ifPresent(name -> details.put("sessionName", name));
            Json.text(response, "/federatedUser/arn").ifPresent(arn -> details.put("sessionArn", arn));
            Principal.userOfArn(caller.principalArn()).ifPresent(user -> details.put("federatedUser", user));
        }
        return Optional.of(identity(caller, "session/" + key.get(), details));
    }

    private static Provenance identity(CloudTrailCaller caller, String id, Map<String, String> details) {
        return caller.provenance(TagWrites.IDENTITY, id, details);
    }

    private static Map<String, String> named(String key, Optional<String> value) {
        Map<String, String> details = new HashMap<>();
        value.ifPresent(v -> details.put(key, v));
        return details;
    }
}

package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a GuardDuty Extended Threat Detection finding ({@code AttackSequence:*}, {@code resource.resourceType}
 * {@code AttackSequence}) into one signal per thing to contain: the credentials its actors used, and the resources it
 * names that are themselves compromised. Everything else it names is a target or a victim: listed in every signal's
 * reason, never acted on.
 *
 * <p>The sequence is {@code detail.service.detection.sequence{uid, description, actors[], resources[], signals[]}}.
 * AWS gives its resources no role, so Tourniquet decides:
 * <ul>
 *   <li>a credential is contained when an actor names it ({@code actors[].user.credentialUid}: an access key of an
 *       IAM user, the session key of an assumed role), or when an {@code ACCESS_KEY} resource names the key of an
 *       actor's user;</li>
 *   <li>a resource is compromised only where a signal of type {@code FINDING} of a family Tourniquet contains alone
 *       ({@link CompromiseFamilies}) names it in {@code resourceUids}: an EC2 instance then goes to the instance
 *       function, an ECS task ({@code ECS_TASK}, its uid the task ARN) to the workload function (a Lambda function,
 *       which the model has no resource type for, is left to its own finding);</li>
 *   <li>anything else (S3 buckets and objects, resources named only by API-call signals) is a target: listed;</li>
 *   <li>a resource or actor of another account is never acted on here: listed.</li>
 * </ul>
 * Every field of the model is optional (a real export carried only {@code actors[].user{name,type}}).
 *
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Sequence.html">Sequence</a>
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-attack-sequence-finding-types.html">Attack
 *     sequence finding types</a>
 */
final class AttackSequenceReader {
    /** The finding type prefix of every attack sequence. */
    static final String TYPE_PREFIX = "AttackSequence:";

    ParseResult read(Origin origin, JsonNode detail) {
        JsonNode sequence = detail.path("service").path("detection").path("sequence");
        if (!sequence.isObject()) {
            return new ParseResult.Rejected("the AttackSequence finding has no service.detection.sequence");
        }
        Map<String, List<String>> compromised = compromisedResources(sequence);
        List<Part> parts = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> actorUsers = new LinkedHashSet<>();
        for (JsonNode actor : sequence.path("actors")) {
            JsonNode user = actor.path("user");
            Json.text(user, "/name").ifPresent(actorUsers::add);
            parts.add(actor(origin, user, actor.path("session"), keys));
        }
        for (JsonNode resource : sequence.path("resources")) {
            parts.add(resource(origin, resource, compromised, actorUsers, keys));
        }
        String summary = summary(origin, detail, sequence, parts);
        List<Signal> signals = parts.stream().filter(part -> part.make() != null)
                .map(part -> part.make().apply(summary + " This incident: " + part.label() + ". " + part.why()))
                .toList();
        if (signals.isEmpty()) {
            return new ParseResult.Ignored(summary + " Nothing it names is Tourniquet's to contain: review it by hand.");
        }
        return new ParseResult.Signals(signals);
    }

    /** Whether a finding type is an attack sequence. */
    static boolean isSequence(String findingType) {
        return findingType.startsWith(TYPE_PREFIX);
    }

    // Resource uid → the finding types that say it is compromised.
    private static Map<String, List<String>> compromisedResources(JsonNode sequence) {
        Map<String, List<String>> compromised = new LinkedHashMap<>();
        for (JsonNode signal : sequence.path("signals")) {
            String name = signal.path("name").asText("");
            if (!"FINDING".equals(signal.path("type").asText()) || !CompromiseFamilies.any(name)) {
                continue;
            }
            for (JsonNode uid : signal.path("resourceUids")) {
                List<String> types = compromised.computeIfAbsent(uid.asText(), u -> new ArrayList<>());
                if (!types.contains(name)) {
                    types.add(name);
                }
            }
        }
        return compromised;
    }

    private static Part actor(Origin origin, JsonNode user, JsonNode session, Set<String> keys) {
        Optional<String> type = Json.text(user, "/type");
        Optional<String> name = Json.text(user, "/name");
        Optional<String> key = Json.text(user, "/credentialUid");
        String who = type.orElse("actor") + "/" + name.orElse("?");
        Optional<String> account = Json.text(user, "/account/uid").filter(a -> !a.equals(origin.accountId()));
        if (account.isPresent()) {
            return Part.listed(Role.OTHER_ACCOUNT, who + " (account " + account.get() + ")");
        }
        if ("Root".equals(type.orElse(""))) {
            return Part.contained(who, "The root user is an actor of the sequence.",
                    reason -> new CompromisedRoot(origin, key.orElse(""), reason));
        }
        if (key.isEmpty() || !keys.add(key.get())) {
            return key.isEmpty() ? Part.listed(Role.UNNAMED_CREDENTIAL, who) : Part.none();
        }
        String label = who + " (key " + key.get() + ")";
        return switch (type.orElse("")) {
            case "IAMUser" -> Part.contained(label, "Its key " + key.get() + " is an actor's credential.",
                    reason -> new CompromisedAccessKey(origin, key.get(), user(origin, name), reason));
            case "AssumedRole" -> role(origin, user, session, name, key.get(), label);
            default -> Part.listed(Role.UNNAMED_CREDENTIAL, label);
        };
    }

    private static Principal user(Origin origin, Optional<String> name) {
        return new Principal(Principal.PrincipalType.IAM_USER, name, name.map(n -> origin.iamArn("user/" + n)),
                Map.of());
    }

    // An assumed role's session: the role from the user's uid (a session ARN) or name; only that one session.
    private static Part role(Origin origin, JsonNode user, JsonNode session, Optional<String> name, String key,
                             String label) {
        Optional<String> uid = Json.text(user, "/uid");
        Optional<String> role = uid.flatMap(Principal::roleOfSession).or(() -> name);
        if (role.isEmpty()) {
            return Part.listed(Role.UNNAMED_CREDENTIAL, label);
        }
        Optional<String> sessionName = uid.flatMap(CompromisedRoleSession::sessionOf)
                .or(() -> Json.text(session, "/uid").flatMap(CompromisedRoleSession::sessionOf));
        Principal principal = new Principal(Principal.PrincipalType.ASSUMED_ROLE, role,
                Optional.of(origin.iamArn("role/" + role.get())), Map.of());
        return Part.contained(label, "Its session key " + key + " is an actor's credential.",
                reason -> new CompromisedRoleSession(origin, key, principal, reason, sessionName));
    }

    private static Part resource(Origin origin, JsonNode resource, Map<String, List<String>> compromised,
                                 Set<String> actorUsers, Set<String> keys) {
        String uid = resource.path("uid").asText("");
        String type = resource.path("resourceType").asText("?");
        String label = type + " " + uid;
        Optional<String> account = Json.text(resource, "/accountId").filter(a -> !a.equals(origin.accountId()));
        if (account.isPresent()) {
            return Part.listed(Role.OTHER_ACCOUNT, label + " (account " + account.get() + ")");
        }
        if ("ACCESS_KEY".equals(type)) {
            return accessKey(origin, resource, uid, actorUsers, keys, label);
        }
        List<String> findings = compromised.getOrDefault(uid, List.of());
        String region = Json.text(resource, "/region").orElse(origin.region());
        Optional<FunctionArn> function = FunctionArn.parse(uid);
        // GuardDuty's resource types name no Lambda function (the model has none); a function ARN a Lambda finding
        // names is quarantined through that finding itself, which reaches quarantine-function on its own rule.
        if (function.isPresent() && findings.stream().anyMatch(CompromiseFamilies::function)) {
            return Part.listed(Role.OWN_FINDING, label);
        }
        if ("ECS_TASK".equals(type) && uid.startsWith("arn:") && findings.stream().anyMatch(CompromiseFamilies::runtime)) {
            boolean mining = findings.stream().anyMatch(InstanceFindingFamilies::isMining);
            EcsTask task = new EcsTask(uid, "", Optional.empty(),
                    Json.text(resource, "/data/ecsTask/taskDefinitionArn"));
            return Part.contained(label, because(findings), reason -> new CompromisedWorkload(origin, task, reason,
                    mining, Optional.empty()));
        }
        Optional<String> instanceId = "EC2_INSTANCE".equals(type) ? instanceId(uid) : Optional.empty();
        if (instanceId.isPresent() && findings.stream().anyMatch(CompromiseFamilies::instance)) {
            boolean mining = findings.stream().anyMatch(InstanceFindingFamilies::isMining);
            List<String> interfaces = new ArrayList<>();
            resource.path("data").path("ec2Instance").path("ec2NetworkInterfaceUids")
                    .forEach(eni -> interfaces.add(eni.asText()));
            return Part.contained(label, because(findings), reason -> new CompromisedInstance(origin,
                    instanceId.get(), region, Optional.empty(), interfaces, false, mining, reason));
        }
        return Part.listed(findings.isEmpty() ? Role.TARGET : Role.UNCONTAINED, label);
    }

    // An access key the sequence names as a resource: the actors' when it is one of their users' keys.
    private static Part accessKey(Origin origin, JsonNode resource, String uid, Set<String> actorUsers,
                                  Set<String> keys, String label) {
        JsonNode data = resource.path("data").path("accessKey");
        Optional<String> userName = Json.text(data, "/userName");
        boolean actors = userName.filter(actorUsers::contains).isPresent()
                && "IAMUser".equals(data.path("userType").asText(""));
        if (!actors || uid.isEmpty()) {
            return Part.listed(Role.TARGET, label);
        }
        if (!keys.add(uid)) {
            return Part.none();
        }
        return Part.contained(label, "It is the key of " + userName.get() + ", an actor of the sequence.",
                reason -> new CompromisedAccessKey(origin, uid, user(origin, userName), reason));
    }

    // i-0abc… or arn:PARTITION:ec2:REGION:ACCOUNT:instance/i-0abc…
    static Optional<String> instanceId(String uid) {
        String id = uid.startsWith("arn:") && uid.contains(":instance/") ? uid.substring(uid.lastIndexOf('/') + 1) : uid;
        return id.matches("i-[0-9a-f]{8,17}") ? Optional.of(id) : Optional.empty();
    }

    private static String because(List<String> findings) {
        return "Compromised: the sequence's finding " + String.join(", ", findings) + " names it.";
    }

    private static String summary(Origin origin, JsonNode detail, JsonNode sequence, List<Part> parts) {
        Set<String> signalTypes = new LinkedHashSet<>();
        for (JsonNode signal : sequence.path("signals")) {
            String kind = signal.path("type").asText("?");
            signalTypes.add("FINDING".equals(kind) ? signal.path("name").asText(kind) : kind);
        }
        StringBuilder text = new StringBuilder("GuardDuty attack sequence ")
                .append(sequence.path("uid").asText(origin.findingId().orElse("?")))
                .append(" (").append(origin.findingType().orElse("AttackSequence")).append("): ")
                .append(Json.text(sequence, "/description").or(() -> Json.text(detail, "/description"))
                        .orElse("no description").replaceAll("\\.$", "")).append(". Signals: ")
                .append(signalTypes.isEmpty() ? "none named" : String.join(", ", signalTypes)).append('.');
        List<String> contained = parts.stream().filter(p -> p.make() != null).map(Part::label).toList();
        text.append(" Contained: ").append(contained.isEmpty() ? "nothing" : String.join(", ", contained)).append('.');
        for (Role role : Role.values()) {
            List<String> listed = parts.stream().filter(p -> p.role() == role).map(Part::label).toList();
            if (!listed.isEmpty()) {
                text.append(' ').append(role.heading).append(": ").append(String.join(", ", listed)).append('.');
            }
        }
        return text.toString();
    }

    /** Why a resource or actor of the sequence is left alone (the alert's headings). */
    enum Role {
        TARGET("Left as targets or victims (not touched)"),
        OWN_FINDING("Quarantined through its own Lambda finding, not this sequence"),
        UNCONTAINED("Compromised by a finding, but of a kind no Tourniquet function contains (not touched; review by hand)"),
        UNNAMED_CREDENTIAL("Actors whose credential the sequence does not name as a key or session (not contained;"
                + " review)"),
        OTHER_ACCOUNT("In another account (never acted on here)");

        private final String heading;

        Role(String heading) {
            this.heading = heading;
        }
    }

    // One actor or resource of the sequence: a signal to make (with its label and why), or a role to list it under.
    private record Part(String label, String why, java.util.function.Function<String, Signal> make, Role role) {
        static Part contained(String label, String why, java.util.function.Function<String, Signal> make) {
            return new Part(label, why, make, null);
        }

        static Part listed(Role role, String label) {
            return new Part(label, "", null, role);
        }

        static Part none() {
            return new Part("", "", null, null);
        }
    }
}

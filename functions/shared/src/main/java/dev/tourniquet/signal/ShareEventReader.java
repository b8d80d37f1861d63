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
import java.util.regex.Pattern;

/**
 * Reads what a caller opened or shared to others ({@link Shares}) from the CloudTrail records of the calls that do
 * it, keeping in {@code details} what undoing exactly that share needs:
 * <ul>
 *   <li>Lambda {@code AddPermission20150331v2} to {@code *} (not limited to this account's sources) or to another
 *       account ({@code requestParameters{functionName, statementId, principal, qualifier}}, the statement as
 *       Lambda wrote it in {@code responseElements.statement}, a JSON string);</li>
 *   <li>Lambda {@code PublishLayerVersion20181031} ({@code responseElements.layerVersionArn}), and a layer attached
 *       by {@code CreateFunction20150331}/{@code UpdateFunctionConfiguration20150331v2}
 *       ({@code requestParameters.layers}, version ARNs) as {@link Shares#LAYER_USE};</li>
 *   <li>EC2 {@code ModifySnapshotAttribute} ({@code createVolumePermission.add.items[]{userId | group}}) and
 *       {@code ModifyImageAttribute} ({@code launchPermission.add.items[]}): the accounts added, and {@code all};</li>
 *   <li>RDS {@code ModifyDBSnapshotAttribute}/{@code ModifyDBClusterSnapshotAttribute} ({@code attributeName
 *       restore}, {@code valuesToAdd}: accounts, or {@code all});</li>
 *   <li>EC2 {@code ImportKeyPair}/{@code CreateKeyPair} ({@code keyName}; {@code keyPairId} answered).</li>
 * </ul>
 * A share to this account only, or a removal, opens nothing and is not recorded.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html">Lambda in CloudTrail</a>
 */
final class ShareEventReader {
    /** Calls recorded for what they share (AddPermission and the layer-attaching calls are function events too). */
    static final Set<String> EVENTS = Set.of("PublishLayerVersion20181031", "ModifySnapshotAttribute",
            "ModifyImageAttribute", "ModifyDBSnapshotAttribute", "ModifyDBClusterSnapshotAttribute", "ImportKeyPair",
            "CreateKeyPair");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final String EVERYONE = "all";

    private ShareEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        List<Provenance> found = new ArrayList<>();
        switch (caller.eventName()) {
            case "AddPermission20150331v2" -> permission(record, caller).ifPresent(found::add);
            case "PublishLayerVersion20181031" -> Json.text(record, "/responseElements/layerVersionArn")
                    .ifPresent(arn -> found.add(caller.provenance(Shares.TYPE, Shares.id(Shares.LAYER, arn),
                            details("layerName", Json.text(request, "/layerName"), "version",
                                    Json.text(record, "/responseElements/version"), "layerVersionArn",
                                    Optional.of(arn)))));
            case "CreateFunction20150331", "UpdateFunctionConfiguration20150331v2" -> function(record, caller)
                    .ifPresent(function -> request.path("layers").forEach(layer -> {
                        if (layer.isTextual()) {
                            found.add(caller.provenance(Shares.LAYER_USE, layer.asText(),
                                    Map.of("function", function)));
                        }
                    }));
            case "ModifySnapshotAttribute" -> Json.text(request, "/snapshotId").ifPresent(id -> added(caller,
                    Shares.id(Shares.SNAPSHOT, id), items(request.path("createVolumePermission").path("add")))
                    .ifPresent(found::add));
            case "ModifyImageAttribute" -> Json.text(request, "/imageId").ifPresent(id -> added(caller,
                    Shares.id(Shares.IMAGE, id), items(request.path("launchPermission").path("add")))
                    .ifPresent(found::add));
            case "ModifyDBSnapshotAttribute" -> Json.text(request, "/dBSnapshotIdentifier").filter(id -> restore(request))
                    .ifPresent(id -> added(caller, Shares.id(Shares.DB_SNAPSHOT, id), values(request))
                            .ifPresent(found::add));
            case "ModifyDBClusterSnapshotAttribute" -> Json.text(request, "/dBClusterSnapshotIdentifier")
                    .filter(id -> restore(request)).ifPresent(id -> added(caller,
                            Shares.id(Shares.DB_CLUSTER_SNAPSHOT, id), values(request)).ifPresent(found::add));
            case "ImportKeyPair", "CreateKeyPair" -> Json.text(request, "/keyName").ifPresent(name -> found.add(
                    caller.provenance(Shares.TYPE, Shares.id(Shares.KEYPAIR, name), details("keyName",
                            Optional.of(name), "keyPairId", Json.text(record, "/responseElements/keyPairId"),
                            "keyFingerprint", Json.text(record, "/responseElements/keyFingerprint")))));
            default -> { }
        }
        return found;
    }

    // Open to anyone: "*" not limited to this account's own sources (how S3 and SNS triggers look), or another account.
    private static Optional<Provenance> permission(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        Optional<String> principal = Json.text(request, "/principal");
        Optional<String> sid = Json.text(request, "/statementId");
        Optional<String> function = function(record, caller);
        if (principal.isEmpty() || sid.isEmpty() || function.isEmpty()) {
            return Optional.empty();
        }
        boolean everyone = "*".equals(principal.get())
                && !caller.accountId().equals(Json.text(request, "/sourceAccount").orElse(""));
        Optional<String> account = accountOf(principal.get());
        if (!everyone && (account.isEmpty() || account.get().equals(caller.accountId()))) {
            return Optional.empty();
        }
        Map<String, String> details = details("principal", principal, "statementId", sid, "functionArn", function,
                "qualifier", Json.text(request, "/qualifier"), "action", Json.text(request, "/action"),
                "statement", Json.text(record, "/responseElements/statement"));
        details.put(everyone ? "public" : "accounts", everyone ? Shares.PUBLIC : account.get());
        return Optional.of(caller.provenance(Shares.TYPE, Shares.id(Shares.FUNCTION_PERMISSION,
                function.get() + "#" + sid.get()), details));
    }

    // The accounts and "all" a call added, without this account itself (sharing with oneself opens nothing).
    private static Optional<Provenance> added(CloudTrailCaller caller, String shareId, List<String> values) {
        Set<String> accounts = new LinkedHashSet<>();
        boolean everyone = false;
        for (String value : values) {
            if (EVERYONE.equals(value)) {
                everyone = true;
            } else if (ACCOUNT.matcher(value).matches() && !value.equals(caller.accountId())) {
                accounts.add(value);
            }
        }
        if (!everyone && accounts.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (!accounts.isEmpty()) {
            details.put("accounts", String.join(",", accounts));
        }
        if (everyone) {
            details.put("public", Shares.PUBLIC);
        }
        return Optional.of(caller.provenance(Shares.TYPE, shareId, details));
    }

    // EC2 writes {"items": [{"userId": "111122223333"}, {"group": "all"}]}.
    private static List<String> items(JsonNode add) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : add.path("items")) {
            Json.text(item, "/userId").or(() -> Json.text(item, "/group")).ifPresent(values::add);
        }
        return values;
    }

    private static List<String> values(JsonNode request) {
        List<String> values = new ArrayList<>();
        request.path("valuesToAdd").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static boolean restore(JsonNode request) {
        return "restore".equals(Json.text(request, "/attributeName").orElse(""));
    }

    private static Optional<String> function(JsonNode record, CloudTrailCaller caller) {
        return Json.text(record, "/responseElements/functionArn")
                .or(() -> Json.text(record, "/requestParameters/functionName"))
                .map(named -> FunctionArn.parse(named).map(FunctionArn::unqualified)
                        .orElse("arn:" + caller.partition() + ":lambda:" + caller.region() + ":" + caller.accountId()
                                + ":function:" + named));
    }

    private static Optional<String> accountOf(String principal) {
        if (ACCOUNT.matcher(principal).matches()) {
            return Optional.of(principal);
        }
        String[] parts = principal.split(":");
        return parts.length > 4 && "arn".equals(parts[0]) && ACCOUNT.matcher(parts[4]).matches()
                ? Optional.of(parts[4]) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> details(Object... pairs) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String key = (String) pairs[i];
            ((Optional<String>) pairs[i + 1]).ifPresent(value -> details.put(key, value));
        }
        return details;
    }
}

package dev.tourniquet.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of a function, read once from its environment (set by {@code template.yaml}).
 *
 * @param mode                  plan or enforce
 * @param exemptPrincipalArns   ARN patterns ({@code *} matches any run of characters) never acted on
 * @param exemptTagKey          a principal, function or instance carrying this tag key is never acted on
 * @param ownNamePrefix         names of Tourniquet's own functions and roles start with this
 * @param ownRolePath           Tourniquet's own roles live under this IAM path
 * @param region                the region this function runs in
 * @param recordsRegion         where the table, bucket, topic and bus live (the primary region)
 * @param tableName             the incident and provenance table
 * @param bucketName            the evidence bucket
 * @param topicArn              the alert topic
 * @param busName               Tourniquet's own event bus (name or ARN) for chain events
 * @param evidenceRetentionDays Object Lock retention of evidence objects
 * @param endpoint              an emulator endpoint for every client; empty in AWS
 * @param instanceMiningAction  "stop" or "isolate-only": what is done to an instance caught mining
 * @param extraInstanceFindingTypes further GuardDuty types that isolate an instance
 * @param serviceEndpoints      per-service endpoints ({@code TOURNIQUET_ENDPOINT_CLOUDTRAIL} → client key
 *                              {@code cloudtrail})
 *                              for what the emulator lacks; they win over {@code endpoint}; empty in AWS
 */
public record Configuration(
        Mode mode,
        List<String> exemptPrincipalArns,
        String exemptTagKey,
        String ownNamePrefix,
        String ownRolePath,
        String region,
        String recordsRegion,
        String tableName,
        String bucketName,
        String topicArn,
        String busName,
        int evidenceRetentionDays,
        Optional<URI> endpoint,
        String instanceMiningAction,
        List<String> extraInstanceFindingTypes,
        Map<String, URI> serviceEndpoints) {

    private static final String SERVICE_ENDPOINT_PREFIX = "TOURNIQUET_ENDPOINT_";

    public Configuration {
        serviceEndpoints = Map.copyOf(serviceEndpoints);
    }

    public static Configuration fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the settings from a map of environment variables; defaults mirror {@code template.yaml}. */
    public static Configuration from(Map<String, String> env) {
        String region = value(env, "AWS_REGION", "us-east-1");
        return new Configuration(
                Mode.parse(value(env, "MODE", "enforce")),
                list(env.get("EXEMPT_PRINCIPAL_ARNS")),
                value(env, "EXEMPT_TAG_KEY", "tourniquet:exempt"),
                value(env, "OWN_NAME_PREFIX", "tourniquet-"),
                value(env, "OWN_ROLE_PATH", "/tourniquet/"),
                region,
                value(env, "RECORDS_REGION", region),
                value(env, "TABLE_NAME", "tourniquet-incidents"),
                value(env, "BUCKET_NAME", "tourniquet-evidence"),
                value(env, "TOPIC_ARN", "arn:aws:sns:" + region + ":123456789012:tourniquet-alerts"),
                value(env, "BUS_NAME", "tourniquet"),
                Integer.parseInt(value(env, "EVIDENCE_RETENTION_DAYS", "365")),
                Optional.ofNullable(blankToNull(env.get("TOURNIQUET_ENDPOINT"))).map(URI::create),
                value(env, "INSTANCE_MINING_ACTION", "stop"),
                list(env.get("EXTRA_INSTANCE_FINDING_TYPES")),
                serviceEndpoints(env));
    }

    /** Whether any client calls an HTTPS endpoint: always in AWS, never against a plain-HTTP emulator. */
    public boolean callsHttps() {
        return endpoint.isEmpty() || java.util.stream.Stream.concat(endpoint.stream(), serviceEndpoints.values().stream())
                .anyMatch(uri -> "https".equalsIgnoreCase(uri.getScheme()));
    }

    /** The endpoint of one service's clients (by its client key): its own override, else the common one. */
    public Optional<URI> endpointFor(String service) {
        return Optional.ofNullable(serviceEndpoints.get(service)).or(this::endpoint);
    }

    /** The same settings in another mode (the command-line tool and tests switch modes). */
    public Configuration withMode(Mode newMode) {
        return new Configuration(newMode, exemptPrincipalArns, exemptTagKey, ownNamePrefix, ownRolePath, region,
                recordsRegion, tableName, bucketName, topicArn, busName, evidenceRetentionDays, endpoint,
                instanceMiningAction, extraInstanceFindingTypes, serviceEndpoints);
    }

    public Configuration withExemptPrincipalArns(List<String> patterns) {
        return new Configuration(mode, List.copyOf(patterns), exemptTagKey, ownNamePrefix, ownRolePath, region,
                recordsRegion, tableName, bucketName, topicArn, busName, evidenceRetentionDays, endpoint,
                instanceMiningAction, extraInstanceFindingTypes, serviceEndpoints);
    }

    /** The same settings with one service sent to its own endpoint (tests stub what the emulator lacks). */
    public Configuration withServiceEndpoint(String service, URI serviceEndpoint) {
        Map<String, URI> endpoints = new java.util.HashMap<>(serviceEndpoints);
        endpoints.put(service, serviceEndpoint);
        return new Configuration(mode, exemptPrincipalArns, exemptTagKey, ownNamePrefix, ownRolePath, region,
                recordsRegion, tableName, bucketName, topicArn, busName, evidenceRetentionDays, endpoint,
                instanceMiningAction, extraInstanceFindingTypes, endpoints);
    }

    private static Map<String, URI> serviceEndpoints(Map<String, String> env) {
        Map<String, URI> endpoints = new java.util.HashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith(SERVICE_ENDPOINT_PREFIX) && blankToNull(value) != null) {
                endpoints.put(key.substring(SERVICE_ENDPOINT_PREFIX.length()).toLowerCase(java.util.Locale.ROOT),
                        URI.create(value.trim()));
            }
        });
        return endpoints;
    }

    private static String value(Map<String, String> env, String key, String fallback) {
        String value = blankToNull(env.get(key));
        return value == null ? fallback : value.trim();
    }

    private static List<String> list(String text) {
        if (blankToNull(text) == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

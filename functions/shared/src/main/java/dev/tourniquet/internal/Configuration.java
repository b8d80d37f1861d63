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
 * @param ownStack              Tourniquet's own resources by exact identity, and the account it runs in
 * @param deployPrincipalArns   principal ARN patterns (* matches anything) that deploy Tourniquet: their changes to
 *                              its own resources are not tampering
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
 * @param quarantinePolicyArn   the stack's own deny-all managed policy, the only one the credential function may
 *                              attach ({@code iam:PolicyARN} condition); empty: only the fixed inline deny-all
 * @param exposureLookBack      how long before the earliest signal about a credential its exposure window opens
 * @param creatorSweepLimit     how many resources of a credential implicated only by what it created are contained;
 *                              the rest are held reversibly and a human asked
 * @param irreversibleActions   whether irreversible actions (deleting a login profile, terminating what cannot be
 *                              stopped) are allowed; otherwise the closest reversible action is taken
 * @param exposureHold          whether what appeared inside a contained credential's exposure window, its creator not
 *                              yet known, is held (stopped, provisionally) until CloudTrail names its creator
 * @param exposureHoldWait      how long an exposure hold keeps catching and waits for CloudTrail's records of the
 *                              window before what is still unexplained becomes containment
 * @param footprint             the owner's declared footprint (regions, instance families and sizes, function
 *                              shape); {@link Footprint#off()} when none is declared
 */
public record Configuration(
        Mode mode,
        List<String> exemptPrincipalArns,
        String exemptTagKey,
        OwnStack ownStack,
        List<String> deployPrincipalArns,
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
        Map<String, URI> serviceEndpoints,
        String quarantinePolicyArn,
        java.time.Duration exposureLookBack,
        int creatorSweepLimit,
        boolean irreversibleActions,
        boolean exposureHold,
        java.time.Duration exposureHoldWait,
        Footprint footprint) {

    private static final String SERVICE_ENDPOINT_PREFIX = "TOURNIQUET_ENDPOINT_";

    public Configuration {
        exemptPrincipalArns = List.copyOf(exemptPrincipalArns);
        deployPrincipalArns = List.copyOf(deployPrincipalArns);
        extraInstanceFindingTypes = List.copyOf(extraInstanceFindingTypes);
        serviceEndpoints = Map.copyOf(serviceEndpoints);
    }

    /** Lambda's path: the environment {@code template.yaml} gives the function, read once. */
    public static Configuration fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the settings from a map of environment variables; defaults mirror {@code template.yaml}. */
    public static Configuration from(Map<String, String> env) {
        String region = value(env, "AWS_REGION", "us-east-1");
        OwnStack own = OwnStack.from(env, OwnStack.localStackId(Partitions.ofRegion(region), region, "123456789012"));
        return new Builder(region)
                .mode(Mode.parse(value(env, "MODE", "enforce")))
                .exemptPrincipalArns(list(env.get("EXEMPT_PRINCIPAL_ARNS")))
                .exemptTagKey(value(env, "EXEMPT_TAG_KEY", "tourniquet:exempt"))
                .ownStack(own)
                .deployPrincipalArns(list(env.get("DEPLOY_PRINCIPAL_ARNS")))
                .recordsRegion(value(env, "RECORDS_REGION", region))
                .tableName(value(env, "TABLE_NAME", "tourniquet-incidents"))
                .bucketName(value(env, "BUCKET_NAME", "tourniquet-evidence"))
                .topicArn(value(env, "TOPIC_ARN", "arn:" + own.partition() + ":sns:" + region + ":" + own.accountId()
                        + ":tourniquet-alerts"))
                .busName(value(env, "BUS_NAME", "tourniquet"))
                .evidenceRetentionDays(Integer.parseInt(value(env, "EVIDENCE_RETENTION_DAYS", "365")))
                .endpoint(Optional.ofNullable(blankToNull(env.get("TOURNIQUET_ENDPOINT"))).map(URI::create))
                .instanceMiningAction(value(env, "INSTANCE_MINING_ACTION", "stop"))
                .extraInstanceFindingTypes(list(env.get("EXTRA_INSTANCE_FINDING_TYPES")))
                .serviceEndpoints(serviceEndpoints(env))
                .quarantinePolicyArn(value(env, "QUARANTINE_POLICY_ARN", ""))
                .exposureLookBack(java.time.Duration.ofMinutes(Long.parseLong(value(env, "EXPOSURE_LOOKBACK_MINUTES", "60"))))
                .creatorSweepLimit(Integer.parseInt(value(env, "CREATOR_SWEEP_LIMIT", "10")))
                .irreversibleActions(Boolean.parseBoolean(value(env, "ALLOW_IRREVERSIBLE_ACTIONS", "false")))
                .exposureHold(Boolean.parseBoolean(value(env, "EXPOSURE_HOLD", "true")))
                .exposureHoldWait(java.time.Duration.ofMinutes(Long.parseLong(value(env, "EXPOSURE_HOLD_WAIT_MINUTES", "15"))))
                .footprint(Footprint.from(env))
                .build();
    }

    /** The settings of a function in {@code region} with every default of {@code template.yaml}. */
    public static Configuration defaults(String region) {
        return from(Map.of("AWS_REGION", region));
    }

    /**
     * The environment that gives a function process exactly these settings: what {@code template.yaml} sets in
     * AWS, and what the benchmark hands the processes it starts. {@code from(toEnvironment())} equals this.
     */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("MODE", mode.id());
        env.put("EXEMPT_PRINCIPAL_ARNS", String.join(",", exemptPrincipalArns));
        env.put("EXEMPT_TAG_KEY", exemptTagKey);
        ownStack.addTo(env);
        env.put("DEPLOY_PRINCIPAL_ARNS", String.join(",", deployPrincipalArns));
        env.put("AWS_REGION", region);
        env.put("RECORDS_REGION", recordsRegion);
        env.put("TABLE_NAME", tableName);
        env.put("BUCKET_NAME", bucketName);
        env.put("TOPIC_ARN", topicArn);
        env.put("BUS_NAME", busName);
        env.put("EVIDENCE_RETENTION_DAYS", String.valueOf(evidenceRetentionDays));
        endpoint.ifPresent(uri -> env.put("TOURNIQUET_ENDPOINT", uri.toString()));
        env.put("INSTANCE_MINING_ACTION", instanceMiningAction);
        env.put("EXTRA_INSTANCE_FINDING_TYPES", String.join(",", extraInstanceFindingTypes));
        serviceEndpoints.forEach((service, uri) -> env.put(SERVICE_ENDPOINT_PREFIX
                + service.toUpperCase(java.util.Locale.ROOT), uri.toString()));
        env.put("QUARANTINE_POLICY_ARN", quarantinePolicyArn);
        env.put("EXPOSURE_LOOKBACK_MINUTES", String.valueOf(exposureLookBack.toMinutes()));
        env.put("CREATOR_SWEEP_LIMIT", String.valueOf(creatorSweepLimit));
        env.put("ALLOW_IRREVERSIBLE_ACTIONS", String.valueOf(irreversibleActions));
        env.put("EXPOSURE_HOLD", String.valueOf(exposureHold));
        env.put("EXPOSURE_HOLD_WAIT_MINUTES", String.valueOf(exposureHoldWait.toMinutes()));
        footprint.addTo(env);
        return env;
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

    /** A builder starting from these settings (the command-line tool and tests change a few). */
    public Builder toBuilder() {
        return new Builder(region).mode(mode).exemptPrincipalArns(exemptPrincipalArns).exemptTagKey(exemptTagKey)
                .ownStack(ownStack).deployPrincipalArns(deployPrincipalArns).recordsRegion(recordsRegion)
                .tableName(tableName).bucketName(bucketName).topicArn(topicArn).busName(busName)
                .evidenceRetentionDays(evidenceRetentionDays).endpoint(endpoint)
                .instanceMiningAction(instanceMiningAction).extraInstanceFindingTypes(extraInstanceFindingTypes)
                .serviceEndpoints(serviceEndpoints).quarantinePolicyArn(quarantinePolicyArn)
                .exposureLookBack(exposureLookBack).creatorSweepLimit(creatorSweepLimit)
                .irreversibleActions(irreversibleActions).exposureHold(exposureHold).exposureHoldWait(exposureHoldWait)
                .footprint(footprint);
    }

    /** The same settings in another mode (the command-line tool and tests switch modes). */
    public Configuration withMode(Mode newMode) {
        return toBuilder().mode(newMode).build();
    }

    public Configuration withExemptPrincipalArns(List<String> patterns) {
        return toBuilder().exemptPrincipalArns(patterns).build();
    }

    /** The same settings with one service sent to its own endpoint (tests stub what the emulator lacks). */
    public Configuration withServiceEndpoint(String service, URI serviceEndpoint) {
        Map<String, URI> endpoints = new java.util.HashMap<>(serviceEndpoints);
        endpoints.put(service, serviceEndpoint);
        return toBuilder().serviceEndpoints(endpoints).build();
    }

    /** Typed settings changed one at a time, from {@link #toBuilder()} of existing (or {@link #defaults}) settings. */
    public static final class Builder {
        private Mode mode = Mode.ENFORCE;
        private List<String> exemptPrincipalArns = List.of();
        private String exemptTagKey;
        private OwnStack ownStack;
        private List<String> deployPrincipalArns = List.of();
        private final String region;
        private String recordsRegion;
        private String tableName;
        private String bucketName;
        private String topicArn;
        private String busName;
        private int evidenceRetentionDays;
        private Optional<URI> endpoint = Optional.empty();
        private String instanceMiningAction;
        private List<String> extraInstanceFindingTypes = List.of();
        private Map<String, URI> serviceEndpoints = Map.of();
        private String quarantinePolicyArn = "";
        private java.time.Duration exposureLookBack = java.time.Duration.ofHours(1);
        private int creatorSweepLimit = 10;
        private boolean irreversibleActions;
        private boolean exposureHold = true;
        private java.time.Duration exposureHoldWait = java.time.Duration.ofMinutes(15);
        private Footprint footprint = Footprint.off();

        private Builder(String region) {
            this.region = region;
        }

        public Builder mode(Mode value) {
            this.mode = value;
            return this;
        }

        public Builder exemptPrincipalArns(List<String> value) {
            this.exemptPrincipalArns = value;
            return this;
        }

        public Builder exemptTagKey(String value) {
            this.exemptTagKey = value;
            return this;
        }

        public Builder ownStack(OwnStack value) {
            this.ownStack = value;
            return this;
        }

        public Builder deployPrincipalArns(List<String> value) {
            this.deployPrincipalArns = value;
            return this;
        }

        public Builder recordsRegion(String value) {
            this.recordsRegion = value;
            return this;
        }

        public Builder tableName(String value) {
            this.tableName = value;
            return this;
        }

        public Builder bucketName(String value) {
            this.bucketName = value;
            return this;
        }

        public Builder topicArn(String value) {
            this.topicArn = value;
            return this;
        }

        public Builder busName(String value) {
            this.busName = value;
            return this;
        }

        public Builder evidenceRetentionDays(int value) {
            this.evidenceRetentionDays = value;
            return this;
        }

        public Builder endpoint(Optional<URI> value) {
            this.endpoint = value;
            return this;
        }

        public Builder instanceMiningAction(String value) {
            this.instanceMiningAction = value;
            return this;
        }

        public Builder extraInstanceFindingTypes(List<String> value) {
            this.extraInstanceFindingTypes = value;
            return this;
        }

        public Builder serviceEndpoints(Map<String, URI> value) {
            this.serviceEndpoints = value;
            return this;
        }

        public Builder quarantinePolicyArn(String value) {
            this.quarantinePolicyArn = value;
            return this;
        }

        public Builder exposureLookBack(java.time.Duration value) {
            this.exposureLookBack = value;
            return this;
        }

        public Builder creatorSweepLimit(int value) {
            this.creatorSweepLimit = value;
            return this;
        }

        public Builder irreversibleActions(boolean value) {
            this.irreversibleActions = value;
            return this;
        }

        public Builder exposureHold(boolean value) {
            this.exposureHold = value;
            return this;
        }

        public Builder exposureHoldWait(java.time.Duration value) {
            this.exposureHoldWait = value;
            return this;
        }

        public Builder footprint(Footprint value) {
            this.footprint = value;
            return this;
        }

        public Configuration build() {
            return new Configuration(mode, exemptPrincipalArns, exemptTagKey, ownStack, deployPrincipalArns,
                    region, recordsRegion, tableName, bucketName, topicArn, busName, evidenceRetentionDays, endpoint,
                    instanceMiningAction, extraInstanceFindingTypes, serviceEndpoints, quarantinePolicyArn,
                    exposureLookBack, creatorSweepLimit, irreversibleActions, exposureHold, exposureHoldWait, footprint);
        }
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

package dev.tourniquet.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds and keeps SDK clients: one per service and region, created on first use and then reused.
 *
 * <p>Generic over the builder so that this class names no optional service module: a function's jar
 * carries only the SDK modules it calls. Credentials come from the default chain (with SnapStart, the
 * container endpoint), never forced from environment variables.
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = Connections.httpClient(Duration.ofSeconds(3), Duration.ofSeconds(20));

    private final Configuration configuration;
    private final List<ExecutionInterceptor> interceptors;
    private final RatePacer.Time time;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();
    private final Map<String, RatePacer> pacers = new ConcurrentHashMap<>();

    /**
     * @param interceptors observe every call of every client (tests and the benchmark record them)
     * @param time         the time the pacers keep: {@link RatePacer.Time#REAL} but in tests that must not wait
     */
    public AwsClients(Configuration configuration, List<ExecutionInterceptor> interceptors, RatePacer.Time time) {
        this.configuration = configuration;
        this.interceptors = List.copyOf(interceptors);
        this.time = time;
        if (configuration.callsHttps()) {
            Connections.prepareTls();
        }
    }

    public AwsClients(Configuration configuration, List<ExecutionInterceptor> interceptors) {
        this(configuration, interceptors, RatePacer.Time.REAL);
    }

    public AwsClients(Configuration configuration) {
        this(configuration, List.of());
    }

    /**
     * The pacer of one service's limit, shared by every client of these clients (one per function's execution
     * environment, one slot per region), built on first use; the first call decides its rate.
     *
     * @param key a stable name of the limit ("lambda", "cloudtrail" …)
     */
    public RatePacer pacer(String key, double requestsPerSecond) {
        return pacer(key, requestsPerSecond, Map.of());
    }

    /** The same, for a service some of whose operations have quotas of their own ({@link RatePacer}). */
    public RatePacer pacer(String key, double requestsPerSecond, Map<String, Double> ownQuotas) {
        return pacers.computeIfAbsent(key, k -> new RatePacer(requestsPerSecond, ownQuotas, time));
    }

    public Configuration configuration() {
        return configuration;
    }

    /**
     * The client of one service in one region, built once.
     *
     * @param key     a stable name of the service ("iam", "lambda" …)
     * @param region  the region the client calls
     * @param builder makes a fresh builder; called only the first time
     */
    public <B extends AwsClientBuilder<B, C>, C> C client(String key, String region, Supplier<B> builder) {
        return client(key, region, builder, List.of());
    }

    /**
     * The same, with interceptors of this service's own (a {@link RatePacer}) before the shared ones, so
     * that a shared observer sees a paced call leave when it really leaves. A paced and an unpaced client of
     * the same service are two clients (CloudTrail's rate-limited LookupEvents and its trail settings), so
     * that which code asks first never decides for the other.
     */
    @SuppressWarnings("unchecked")
    public <B extends AwsClientBuilder<B, C>, C> C client(String key, String region, Supplier<B> builder,
                                                          List<ExecutionInterceptor> own) {
        return (C) clients.computeIfAbsent(key + "@" + region + (own.isEmpty() ? "" : "#own"),
                k -> configure(builder.get(), key, region, own, true).build());
    }

    /**
     * A client that makes each call once, never retrying: for the rare call that is not idempotent
     * ({@code CreateSnapshots}), whose retry after a lost answer would do it twice. Its caller looks for the
     * result of a failed call itself before trying again.
     */
    @SuppressWarnings("unchecked")
    public <B extends AwsClientBuilder<B, C>, C> C singleAttemptClient(String key, String region, Supplier<B> builder,
                                                                       List<ExecutionInterceptor> own) {
        return (C) clients.computeIfAbsent(key + "@" + region + "#once", k -> {
            return configure(builder.get(), key, region, own, false).build();
        });
    }

    /** S3 needs path-style addressing against an emulator. */
    public S3Client s3(String region) {
        return client("s3", region, () -> S3Client.builder()
                .forcePathStyle(configuration.endpoint().isPresent()), List.of());
    }

    /** IAM is global: one client, whichever region the function runs in. */
    public IamClient iam() {
        return client("iam", Region.AWS_GLOBAL.id(), IamClient::builder);
    }

    /** The incident and provenance table's client, in the records region. */
    public DynamoDbClient dynamoDb() {
        return client("dynamodb", configuration.recordsRegion(), DynamoDbClient::builder);
    }

    public S3Client evidenceS3() {
        return s3(configuration.recordsRegion());
    }

    public SnsClient sns() {
        return client("sns", configuration.recordsRegion(), SnsClient::builder);
    }

    public EventBridgeClient eventBridge() {
        return client("events", configuration.recordsRegion(), EventBridgeClient::builder);
    }

    // The client's own interceptors, the shared ones and the retry strategy are one override configuration:
    // setting any of them again later would replace the others.
    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String key, String region,
                                                              List<ExecutionInterceptor> own, boolean retries) {
        List<ExecutionInterceptor> all = new java.util.ArrayList<>(own);
        all.addAll(interceptors);
        builder.region(Region.of(region));
        configuration.endpointFor(key).ifPresent(builder::endpointOverride);
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder().executionInterceptors(all);
        if (retries) {
            override.retryStrategy(RetryMode.STANDARD);
        } else {
            override.retryStrategy(AwsRetryStrategy.doNotRetry());
        }
        builder.overrideConfiguration(override.build());
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(HTTP);
        }
        return builder;
    }
}

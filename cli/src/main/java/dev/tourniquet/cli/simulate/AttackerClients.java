package dev.tourniquet.cli.simulate;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The attacker's SDK clients: every call is signed with the leaked key, against the emulator only (the
 * endpoint was checked to be on loopback before this class is ever built).
 */
final class AttackerClients implements AutoCloseable {
    private final URI endpoint;
    private final String keyId;
    private final StaticCredentialsProvider credentials;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final URI ecsEndpoint;
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

    AttackerClients(URI endpoint, LeakedKey key) {
        this(endpoint, endpoint, key);
    }

    /** With ECS's calls sent to {@code ecsEndpoint} (the stand-in that dates tasks and services, as AWS does). */
    AttackerClients(URI endpoint, URI ecsEndpoint, LeakedKey key) {
        this.endpoint = endpoint;
        this.ecsEndpoint = ecsEndpoint;
        this.keyId = key.accessKeyId();
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secret()));
    }

    /** Clients signing with another key the attacker holds (its backdoor user's), closed with these. */
    AttackerClients as(LeakedKey other) {
        return (AttackerClients) clients.computeIfAbsent("as@" + other.accessKeyId(),
                k -> new AttackerClients(endpoint, ecsEndpoint, other));
    }

    /** The access key id these clients sign with. */
    /** The emulator these clients call (the simulation runs on loopback only). */
    URI endpoint() {
        return endpoint;
    }

    String keyId() {
        return keyId;
    }

    IamClient iam() {
        return (IamClient) clients.computeIfAbsent("iam", k -> IamClient.builder().region(Region.AWS_GLOBAL)
                .endpointOverride(endpoint).credentialsProvider(credentials).httpClient(http).build());
    }

    LambdaClient lambda(String region) {
        return (LambdaClient) clients.computeIfAbsent("lambda@" + region, k -> LambdaClient.builder()
                .region(Region.of(region)).endpointOverride(endpoint).credentialsProvider(credentials).httpClient(http)
                .build());
    }

    Ec2Client ec2(String region) {
        return (Ec2Client) clients.computeIfAbsent("ec2@" + region, k -> Ec2Client.builder().region(Region.of(region))
                .endpointOverride(endpoint).credentialsProvider(credentials).httpClient(http).build());
    }

    software.amazon.awssdk.services.ecs.EcsClient ecs(String region) {
        return (software.amazon.awssdk.services.ecs.EcsClient) clients.computeIfAbsent("ecs@" + region, k ->
                software.amazon.awssdk.services.ecs.EcsClient.builder().region(Region.of(region))
                        .endpointOverride(ecsEndpoint).credentialsProvider(credentials).httpClient(http).build());
    }

    EventBridgeClient events(String region) {
        return (EventBridgeClient) clients.computeIfAbsent("events@" + region, k -> EventBridgeClient.builder()
                .region(Region.of(region)).endpointOverride(endpoint).credentialsProvider(credentials).httpClient(http)
                .build());
    }

    @Override
    public void close() {
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (Exception ignored) {
                // closing a client that holds no connection cannot fail in a way that matters here
            }
        });
        http.close();
    }
}

package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The emulated account the benchmark works in: Tourniquet's records provisioned as {@code replay} does,
 * and users with exposed keys made on demand through unrecorded admin clients (building the scene is
 * never measured).
 */
final class BenchAccount {
    static final String REGION = "us-east-1";

    private final URI endpoint;
    private final Configuration configuration;
    private final AwsClients admin;
    private final LocalAccount local;
    private final ObjectNode sample;
    private final AtomicInteger users = new AtomicInteger();

    private BenchAccount(URI endpoint, Path root) {
        this.endpoint = endpoint;
        this.configuration = LocalAccount.configuration(endpoint, REGION, Mode.ENFORCE);
        this.admin = new AwsClients(configuration);
        this.local = LocalAccount.provision(configuration);
        this.sample = read(root.resolve("events/health-risk-credentials-exposed.json"));
    }

    static BenchAccount provision(URI endpoint, Path root) {
        return new BenchAccount(endpoint, root);
    }

    Configuration configuration() {
        return configuration;
    }

    AwsClients admin() {
        return admin;
    }

    LocalAccount local() {
        return local;
    }

    /** What a function process needs in its environment: the template's variables and emulator credentials. */
    Map<String, String> functionEnvironment() {
        Map<String, String> env = new HashMap<>(configuration.toEnvironment());
        env.put("AWS_ACCESS_KEY_ID", System.getProperty("aws.accessKeyId", "testing"));
        env.put("AWS_SECRET_ACCESS_KEY", System.getProperty("aws.secretAccessKey", "testing"));
        return env;
    }

    /** A new user with one access key, and the AWS Health event saying that key was found in public. */
    ExposedKey exposedKey() {
        IamClient iam = admin.iam();
        String user = "bench-user-" + users.incrementAndGet();
        iam.createUser(r -> r.userName(user));
        String key = iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
        ObjectNode event = sample.deepCopy();
        event.put("id", UUID.randomUUID().toString());
        event.putArray("resources").add(key);
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("eventArn", detail.path("eventArn").asText() + "_" + key);
        ((ObjectNode) detail.path("affectedEntities").get(0)).put("entityValue", key);
        return new ExposedKey(user, key, event);
    }

    /** Whether IAM now lists the key as inactive. */
    boolean inactive(ExposedKey exposed) {
        return admin.iam().listAccessKeys(r -> r.userName(exposed.user())).accessKeyMetadata().stream()
                .anyMatch(k -> k.accessKeyId().equals(exposed.accessKeyId()) && k.status() == StatusType.INACTIVE);
    }

    /** A user, their key, and the event exposing it. */
    record ExposedKey(String user, String accessKeyId, ObjectNode event) {
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample event " + file, e);
        }
    }
}

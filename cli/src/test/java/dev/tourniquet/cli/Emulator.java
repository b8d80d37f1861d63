package dev.tourniquet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.edge.AwsClients;
import dev.tourniquet.edge.Configuration;
import dev.tourniquet.edge.Json;
import dev.tourniquet.edge.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One moto server for the whole test JVM, reset before each test, with Tourniquet's records provisioned
 * and the real handlers wired through the template's rules. Functions' clients record every operation
 * they perform ({@link #recorder()}) for the least-privilege checks; {@link #admin()} clients, used to
 * build the scene and inspect it, are not recorded.
 */
final class Emulator {
    static final String REGION = "us-east-1";
    private static MotoServer server;

    private final Configuration configuration;
    private final PerFunctionRecorder recorder = new PerFunctionRecorder();
    private final AwsClients admin;
    private final LocalAccount account;
    private final Replayer replayer;
    private final List<ObjectNode> deliveries = new ArrayList<>();

    private Emulator(Configuration configuration) {
        this.configuration = configuration;
        this.admin = new AwsClients(configuration);
        this.account = LocalAccount.provision(configuration);
        // Each delivery's calls are its function's: a chain (instance finding → credential → sweep) runs several.
        Consumer<ObjectNode> collect = line -> {
            recorder.accept(line);
            deliveries.add(line);
        };
        this.replayer = new Replayer(new EventRouter(TemplateRules.load(root().resolve("template.yaml"))),
                new Functions(new AwsClients(configuration, List.of(recorder))), account, collect);
    }

    /** A fresh, empty emulated account in enforce mode. */
    static Emulator fresh() {
        return fresh(Mode.ENFORCE, List.of());
    }

    static synchronized Emulator fresh(Mode mode, List<String> exemptPrincipalArns) {
        if (server == null) {
            server = MotoServer.start(root());
        }
        server.reset();
        Configuration configuration = LocalAccount.configuration(server.endpoint(), REGION, mode.id())
                .withExemptPrincipalArns(exemptPrincipalArns);
        return new Emulator(configuration);
    }

    static Path root() {
        return Path.of(System.getProperty("tourniquet.root", "..")).toAbsolutePath().normalize();
    }

    /** A sample event from {@code events/}, as a mutable tree. */
    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(root().resolve("events").resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Configuration configuration() {
        return configuration;
    }

    AwsClients admin() {
        return admin;
    }

    LocalAccount account() {
        return account;
    }

    PerFunctionRecorder recorder() {
        return recorder;
    }

    /** Delivers an event through the template's rules, and every chain event after it. */
    List<ObjectNode> deliver(JsonNode event) {
        return replayer.replay(event);
    }

    /** Every delivery so far. */
    List<ObjectNode> deliveries() {
        return List.copyOf(deliveries);
    }
}

package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.FaultProxy;
import dev.tourniquet.cli.local.Functions;
import dev.tourniquet.cli.local.LeastPrivilege;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.local.MotoServer;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.cli.local.ProjectRoot;
import dev.tourniquet.cli.local.Replayer;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * One moto server for the whole test JVM, reset before each test, with Tourniquet's records provisioned
 * and the real handlers wired through the template's rules. Functions' clients record every operation
 * they perform ({@link #recorder()} for all of them, {@link #recorder(String)} for one function) for the
 * least-privilege checks; {@link #admin()} clients, used to build the scene and inspect it, are not recorded.
 */
final class Emulator {
    static final String REGION = "us-east-1";
    private static MotoServer server;

    private final Configuration configuration;
    private final OperationRecorder recorder = new OperationRecorder();
    private final Map<String, OperationRecorder> functionRecorders = new ConcurrentHashMap<>();
    private final AwsClients admin;
    private final LocalAccount account;
    private Replayer replayer;
    // Deliveries may run on several threads at once (the duplicate-delivery tests).
    private final List<ObjectNode> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());
    private final FaultProxy proxy;

    private Emulator(Configuration configuration, List<ExecutionInterceptor> interceptors, FaultProxy proxy) {
        this.configuration = configuration;
        this.proxy = proxy;
        this.admin = new AwsClients(configuration);
        this.account = LocalAccount.provision(configuration);
        // Only the functions' calls go through the fault proxy: the scene is built, and inspected, directly.
        Configuration functions = proxy == null ? configuration
                : configuration.toBuilder().endpoint(Optional.of(proxy.endpoint())).build();
        Consumer<ObjectNode> collect = deliveries::add;
        Map<String, String> functionOfHandler = new HashMap<>();
        Routing.RULES.rules().forEach(rule -> functionOfHandler.put(rule.handler(), rule.function()));
        Replayer replayer = new Replayer(Routing.ROUTER, new Functions(handler -> {
            List<ExecutionInterceptor> all = new ArrayList<>(List.of(recorder,
                    recorder(functionOfHandler.getOrDefault(handler, handler))));
            all.addAll(interceptors);
            return new AwsClients(functions, all);
        }), account, collect);
        this.replayer = proxy == null ? replayer : replayer.asLambda();
    }

    /**
     * The template's rules and their matcher, read once per test JVM rather than once per account: parsing
     * template.yaml and compiling every rule's pattern cost more CPU than a short scenario. Neither changes once
     * built (the matcher only reads), so every account shares them.
     */
    private static final class Routing {
        static final TemplateRules RULES = TemplateRules.load(root().resolve("template.yaml"));
        static final EventRouter ROUTER = new EventRouter(RULES);
    }

    /** A fresh, empty emulated account in enforce mode. */
    static Emulator fresh() {
        return fresh(Mode.ENFORCE, List.of());
    }

    /** A fresh account whose owner's identities the scene builds at real time: the exposure hold off. */
    static Emulator freshWithoutExposureHold() {
        return freshWithoutExposureHold(Mode.ENFORCE, List.of());
    }

    static Emulator freshWithoutExposureHold(Mode mode, List<String> exemptPrincipalArns) {
        return fresh(mode, exemptPrincipalArns, Emulator::withoutExposureHold, List.of());
    }

    static Emulator fresh(Mode mode, List<String> exemptPrincipalArns) {
        return fresh(mode, exemptPrincipalArns, UnaryOperator.identity(), List.of());
    }

    /**
     * A fresh account whose functions' configuration is adjusted by {@code configure} (an endpoint of their
     * own for a service the emulator lacks) and whose functions' clients carry {@code interceptors} too.
     */
    static synchronized Emulator fresh(Mode mode, List<String> exemptPrincipalArns,
                                       UnaryOperator<Configuration> configure, List<ExecutionInterceptor> interceptors) {
        resetServer();
        Configuration configuration = configure.apply(LocalAccount.configuration(server.endpoint(), REGION, mode)
                .withExemptPrincipalArns(exemptPrincipalArns));
        return new Emulator(configuration, interceptors, null);
    }

    /**
     * A fresh account whose functions call AWS through a {@link FaultProxy} failing {@code rate} of their calls
     * (seeded), delivered as Lambda delivers asynchronous invocations: two retries, then the dead-letter queue.
     * The proxy starts disabled, so that a scene is set up without faults: {@link #proxy()} enables it.
     */
    static synchronized Emulator faulty(UnaryOperator<Configuration> configure, List<ExecutionInterceptor> interceptors,
                                        double rate, long seed) {
        resetServer();
        Configuration configuration = configure.apply(LocalAccount.configuration(server.endpoint(), REGION,
                Mode.ENFORCE));
        FaultProxy proxy = FaultProxy.start(server.endpoint(), rate, seed);
        proxy.enabled(false);
        return new Emulator(configuration, interceptors, proxy);
    }

    /**
     * The exposure hold off, for a scene that builds the owner's users, roles and keys at the test's real time, long
     * after its samples' exposure window opened (November 2026): each would look created inside the window and be held.
     * The hold's own scenes open their window at real time instead.
     */
    static Configuration withoutExposureHold(Configuration configuration) {
        return configuration.toBuilder().exposureHold(false).build();
    }

    /** The fault proxy in front of the functions' calls; absent for an emulator without faults. */
    FaultProxy proxy() {
        return java.util.Objects.requireNonNull(proxy, "this emulator injects no faults");
    }

    /** Where a release of this account's incidents sends its calls: through the fault proxy, if there is one. */
    java.net.URI functionEndpoint() {
        return proxy == null ? configuration.endpoint().orElseThrow() : proxy.endpoint();
    }

    private static void resetServer() {
        if (server == null) {
            server = MotoServer.start(root());
        }
        server.reset();
    }

    static Path root() {
        return ProjectRoot.locate();
    }

    /** The policy template.yaml grants {@code function} (a logical id), to check the calls it made against. */
    static LeastPrivilege leastPrivilege(String function) {
        return new LeastPrivilege(TemplateRules.load(root().resolve("template.yaml")), function);
    }

    /**
     * Fails unless every policy a function wrote or attached is one of Tourniquet's fixed ones: the session
     * revocation and inline quarantine names with Tourniquet's own content, the stack's quarantine policy ARN.
     * IAM cannot pin them (no condition key on an inline policy's name or content): this test does.
     */
    /**
     * Delivers the events in turn, adds the actions {@code function}'s code performed to {@code performed} (for the
     * least-privilege check), and checks that the only policies written are Tourniquet's fixed ones.
     */
    List<ObjectNode> deliverAll(List<ObjectNode> events, String function, java.util.Set<String> performed) {
        List<ObjectNode> deliveries = new java.util.ArrayList<>();
        events.forEach(e -> deliveries.addAll(deliver(e)));
        performed.addAll(recorder(function).actions());
        assertOnlyFixedPolicyWrites(recorder());
        return deliveries;
    }

    static void assertOnlyFixedPolicyWrites(OperationRecorder recorder) {
        org.assertj.core.api.Assertions.assertThat(new dev.tourniquet.cli.local.PolicyWrites(
                dev.tourniquet.cli.local.LocalAccount.quarantinePolicyArn(REGION)).violations(recorder.policyWrites()))
                .as("policy writes that are not Tourniquet's fixed policies").isEmpty();
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

    OperationRecorder recorder() {
        return recorder;
    }

    /** The operations of one function of the template (by logical id) only. */
    OperationRecorder recorder(String function) {
        return functionRecorders.computeIfAbsent(function, f -> new OperationRecorder());
    }

    /** From now on, each invocation gets the sweep budget {@code budget} gives (as Lambda's remaining time would). */
    void sweepBudget(java.util.function.Supplier<dev.tourniquet.flow.SweepBudget> budget) {
        replayer = replayer.withSweepBudget(budget);
    }

    /** Delivers an event through the template's rules, and every chain event after it. */
    List<ObjectNode> deliver(JsonNode event) {
        return replayer.replay(event);
    }

    /** Delivers a failed delivery's event again to the same function, as Lambda retries it (Replayer#retry). */
    List<ObjectNode> retry(ObjectNode failed) {
        return replayer.retry(failed);
    }

    /** Every delivery so far. */
    List<ObjectNode> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }
}

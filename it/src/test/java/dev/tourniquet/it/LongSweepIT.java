package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.Functions;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.flow.SweepBudget;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.internal.RatePacer;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.Provenance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;

/**
 * A sweep too long for one invocation (issue 15): thousands of instances one key launched, swept by isolate-instance
 * with Lambda's 900 s on a virtual clock that moves with the paced EC2 calls (10 a second a region), so that the
 * sweep needs several invocations' worth of time without waiting for it. Each invocation starts incidents while its
 * budget allows and puts a "Sweep Continued" chain event that the template's rule routes back to the same function;
 * the test delivers each one (the first twice, as EventBridge may) until none comes. Every instance is stopped by
 * exactly one StopInstances call, none is lost, no invocation overruns its 900 s, and delivering a continuation
 * again after the sweep ended makes no EC2 call and puts no event.
 */
class LongSweepIT {
    /**
     * How many instances, and the Lambda timeout they are swept under. The emulator answers about 40 calls a second
     * and an instance's incident makes about 50 (evidence, snapshots, isolation, records), so the default keeps the
     * test near a minute and a half: 60 instances under a 60 s timeout take four invocations, as 2,000 under 900 s
     * take eight ({@code -DlongSweep.instances=2000 -DlongSweep.timeoutSeconds=900}: about 50 minutes against moto).
     * The pacing and the budget's arithmetic are the same at any scale; {@code RegionalSweepBudgetTest} runs
     * thousands of resources through them without the emulator.
     */
    static final int INSTANCES = Integer.getInteger("longSweep.instances", 60);
    private static final Duration LAMBDA_TIMEOUT = Duration.ofSeconds(Integer.getInteger("longSweep.timeoutSeconds",
            60));
    private static final String KEY = "AKIALONGSWEEP0000001";
    private static final String FUNCTION = "IsolateInstanceFunction";
    private static final String HANDLER = "dev.tourniquet.function.instance.IsolateInstanceHandler::handleRequest";

    @Test
    void sweepOfThousandsOfInstances_continuesAcrossInvocations_stopsEachExactlyOnce() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        Emulator emulator = scene.emulator();
        List<String> instances = launch(scene, INSTANCES);
        recordLaunches(emulator, instances);
        SharedVirtualTime time = new SharedVirtualTime();
        Ec2Calls ec2 = new Ec2Calls();
        OperationRecorder performed = new OperationRecorder();
        AwsClients clients = new AwsClients(emulator.configuration(), List.of(ec2, performed), time.pacing());
        FunctionFlow flow = new Functions(h -> clients).responder(HANDLER);
        EventRouter router = new EventRouter(TemplateRules.load(Emulator.root().resolve("template.yaml")));

        List<Invocation> invocations = new ArrayList<>();
        JsonNode event = InstanceScene.contained(KEY);
        JsonNode firstContinuation = null;
        while (event != null) {
            Invocation invocation = invoke(flow, event, time, emulator);
            invocations.add(invocation);
            if (invocations.size() == 2) {
                // EventBridge delivers at least once: the first continuation arrives twice, one after the other.
                Invocation again = invoke(flow, event, time, emulator);
                assertThat(again.continuations()).as("a duplicate delivery puts no second continuation").isEmpty();
                assertThat(again.response().path("continuation").path("duplicate").asBoolean()).isTrue();
                invocations.add(again);
                firstContinuation = event;
            }
            assertThat(invocation.continuations()).hasSizeLessThanOrEqualTo(1);
            event = invocation.continuations().isEmpty() ? null : invocation.continuations().get(0);
            if (event != null) {
                assertThat(router.route(event, "tourniquet")).extracting(TemplateRules.Rule::function)
                        .as("routed back to the same function only").containsExactly(FUNCTION);
                assertThat(event.path("detail").path("hop").asInt()).isEqualTo(invocation.hop() + 1);
            }
        }

        Invocation last = invocations.get(invocations.size() - 1);
        List<Invocation> continued = invocations.stream().filter(i -> !i.continuations().isEmpty()).toList();
        assertThat(last.response().path("status").asText()).isEqualTo("done");
        // Every invocation kept within Lambda's timeout; each that continued had started incidents until its budget
        // (the deadline less a quarter, at most 120 s) ran out, so no more invocations were used than the pacing
        // demands: the work, in budgets, rounded up.
        double window = Math.max(LAMBDA_TIMEOUT.toSeconds() * 0.75, LAMBDA_TIMEOUT.toSeconds() - 120);
        assertThat(invocations).allSatisfy(i -> assertThat(i.seconds()).isLessThanOrEqualTo(
                LAMBDA_TIMEOUT.toSeconds()));
        assertThat(continued).allSatisfy(i -> assertThat(i.seconds()).isGreaterThanOrEqualTo(window));
        // One continuation per invocation but the last (the duplicate delivery put none), at least two of them.
        assertThat(continued).hasSize(invocations.size() - 2).hasSizeGreaterThanOrEqualTo(2);

        assertThat(ec2.stops).as("every instance stopped").containsOnlyKeys(instances);
        assertThat(ec2.stops.values()).as("each by one StopInstances call").containsOnly(1);
        Map<String, Integer> started = new HashMap<>();
        invocations.forEach(i -> i.response().path("incidents").forEach(incident -> {
            if (!incident.path("claim").asText().equals("duplicate")) {
                started.merge(incident.path("subject").asText(), 1, Integer::sum);
            }
        }));
        assertThat(started).as("each instance's incident run once, none lost").containsOnlyKeys(instances);
        assertThat(started.values()).containsOnly(1);
        List<Instance> described = scene.ec2(InstanceScene.REGION).describeInstances(r -> r.instanceIds(instances))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
        assertThat(described).hasSize(INSTANCES).allSatisfy(i -> assertThat(i.state().nameAsString()).isEqualTo("stopped"));

        // A continuation delivered again after the sweep ended: every resource a duplicate by its claim.
        int ec2Before = ec2.calls.get();
        Invocation late = invoke(flow, firstContinuation, time, emulator);
        assertThat(ec2.calls.get() - ec2Before).as("EC2 calls of a duplicate continuation").isZero();
        assertThat(late.continuations()).isEmpty();
        assertThat(late.response().path("incidents").findValuesAsText("claim")).hasSize(INSTANCES)
                .containsOnly("duplicate");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(new java.util.TreeSet<>(performed.actions())))
                .isEmpty();
    }

    /** One invocation: what it answered, the chain events it put, how long it took on the virtual clock. */
    record Invocation(int hop, ObjectNode response, List<JsonNode> continuations, double seconds) {
    }

    private static Invocation invoke(FunctionFlow flow, JsonNode event, SharedVirtualTime time, Emulator emulator) {
        long start = time.nanos.get();
        ObjectNode response = flow.handle(Delivery.read(event), SweepBudget.remaining(LAMBDA_TIMEOUT, time.clock()));
        double seconds = (time.nanos.get() - start) / 1e9;
        List<JsonNode> continuations = emulator.account().takeChainEvents().stream()
                .filter(e -> e.path("detail-type").asText().equals("Sweep Continued")).toList();
        return new Invocation(event.path("detail").path("hop").asInt(0), response, continuations, seconds);
    }

    // The key's instances, launched in batches (moto creates a batch in one call).
    private static List<String> launch(InstanceScene scene, int count) {
        InstanceScene.Network network = scene.network();
        List<String> ids = new ArrayList<>();
        for (int left = count; left > 0; left -= 500) {
            int batch = Math.min(500, left);
            scene.ec2(InstanceScene.REGION).runInstances(r -> r.imageId("ami-12c6146b").instanceType("g4dn.xlarge")
                    .minCount(batch).maxCount(batch).subnetId(network.subnetId())
                    .securityGroupIds(network.webGroupId())).instances().forEach(i -> ids.add(i.instanceId()));
        }
        return ids;
    }

    // Provenance straight to the table, as record-provenance would have written it from each RunInstances record.
    private static void recordLaunches(Emulator emulator, List<String> instances) {
        Records records = Records.of(emulator.admin());
        String account = emulator.configuration().ownStack().accountId();
        Instant launched = Instant.parse("2026-11-20T03:12:00Z");
        for (String id : instances) {
            records.provenance().record(new Provenance("launch-" + id, "RunInstances", launched,
                    InstanceScene.REGION, account, "instance", id, Optional.of(KEY),
                    "arn:aws:iam::" + account + ":user/deploy-bot", "IAMUser"));
        }
    }

    /**
     * One virtual clock for every thread: a pacer's wait moves it to the moment waited for (never back), so that
     * regions paced side by side take the time of the busiest, as they do in real time. The sweep's budget reads the
     * same clock.
     */
    static final class SharedVirtualTime {
        private static final Instant START = Instant.parse("2026-11-20T03:20:00Z");
        final AtomicLong nanos = new AtomicLong();
        private final ThreadLocal<long[]> lastRead = ThreadLocal.withInitial(() -> new long[1]);

        RatePacer.Time pacing() {
            return new RatePacer.Time(() -> {
                long now = nanos.get();
                lastRead.get()[0] = now;
                return now;
            }, wait -> nanos.accumulateAndGet(lastRead.get()[0] + Math.max(0, wait), Math::max));
        }

        Clock clock() {
            return new ReadClock(() -> START.plusNanos(nanos.get()));
        }
    }

    /** Every EC2 call of the function, and its StopInstances calls by instance (DryRun ones not counted). */
    static final class Ec2Calls implements ExecutionInterceptor {
        final Map<String, Integer> stops = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request().getClass().getPackageName().startsWith("software.amazon.awssdk.services.ec2")) {
                calls.incrementAndGet();
            }
            if (context.request() instanceof StopInstancesRequest stop && !Boolean.TRUE.equals(stop.dryRun())) {
                stop.instanceIds().forEach(id -> stops.merge(id, 1, Integer::sum));
            }
        }
    }
}

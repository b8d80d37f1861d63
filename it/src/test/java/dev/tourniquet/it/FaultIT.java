package dev.tourniquet.it;

import dev.tourniquet.cli.simulate.EcsCreationTimes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.it.MiningScene.Deployed;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The emulator scenarios through the {@link dev.tourniquet.cli.local.FaultProxy}: a share of the functions'
 * AWS calls throttled, refused, reset, or applied with their answer lost, each delivery retried as Lambda
 * retries an asynchronous invocation and then dead-lettered. Every run must end with the account contained,
 * or what was not on the dead-letter queue; nothing applied twice; no failure left unclassified; and a release
 * run under the same faults must put the prior state back. The test command plays a few seeded runs of each
 * scenario ({@code tourniquet.faultRuns}, default 3, at {@code tourniquet.faultRate}, default 0.25);
 * {@code ./tourniquet reliability} plays many and writes the README's figures from
 * {@code it/target/reliability/}. The test command plays them in its lanes ({@link FaultLanes}), several at once.
 */
@ExtendWith(FaultLanes.class)
class FaultIT {
    static final double RATE = Double.parseDouble(System.getProperty("tourniquet.faultRate", "0.25"));
    static final int RUNS = Integer.getInteger("tourniquet.faultRuns", 3);
    private static final long SEED = Long.getLong("tourniquet.faultSeed", 20261202L);
    private static final List<FaultRun> RESULTS = new ArrayList<>();
    private static WireMockServer wiremock;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void writeFigures() {
        wiremock.stop();
        ReliabilityFigures.write(RATE, RESULTS);
    }

    private static List<FaultRun> play(String scenario, Function<Long, FaultRun> run) {
        return play(scenario, RUNS, run);
    }

    /** {@code count} seeded runs (one, for a scenario whose added time must stay small). */
    private static List<FaultRun> play(String scenario, int count, Function<Long, FaultRun> run) {
        List<FaultRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FaultRun result = run.apply(SEED + 1000L * scenario.hashCode() + i);
            runs.add(result);
            synchronized (RESULTS) {
                RESULTS.add(result);
            }
        }
        return runs;
    }

    private static void assertKept(List<FaultRun> runs) {
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.unclassified()).as("unclassified failures, %s", run).isZero();
            assertThat(run.duplicates()).as("applied twice, %s", run).isZero();
            assertThat(run.contained() || run.deadLettered() > 0).as("neither contained nor dead-lettered, %s%s", run,
                    FaultChecks.diagnosis(run)).isTrue();
        });
        assertThat(runs.stream().mapToLong(r -> r.injected().values().stream().mapToLong(Long::longValue).sum()).sum())
                .as("faults were injected").isPositive();
    }

    @Test
    void exposedKey_underFaults_isContainedOrDeadLettered() {
        assertKept(play("exposed key", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            var iam = emulator.admin().iam();
            iam.createUser(r -> r.userName("deploy-bot"));
            String key = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
            ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
            ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).put("entityValue", key);

            List<ObjectNode> deliveries = underFaults(emulator, event);

            boolean contained = iam.listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata().stream()
                    .allMatch(k -> k.status() == StatusType.INACTIVE)
                    && Quarantine.of(iam, "deploy-bot");
            return FaultChecks.result("exposed key", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void miningInstance_underFaults_isContainedWithItsKeyAndSweptSibling() {
        assertKept(play("mining instance, its key and sweep", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            InstanceScene scene = InstanceScene.on(emulator);
            String found = scene.launch(InstanceScene.REGION, scene.network(), true);
            String sibling = scene.launch(InstanceScene.REGION, scene.network(), false);
            String key = scene.launchedByDeployBot(found);
            scene.deliver(InstanceScene.launched(sibling, InstanceScene.REGION, key));

            List<ObjectNode> deliveries = underFaults(emulator, InstanceScene.finding("guardduty-ec2-bitcoin-tool.json",
                    found, InstanceScene.REGION));

            boolean contained = FaultChecks.isolatedAndStopped(scene, found) && FaultChecks.isolatedAndStopped(scene, sibling)
                    && FaultChecks.keyInactive(emulator, "deploy-bot", key);
            return FaultChecks.result("mining instance, its key and sweep", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void stopFirstSweep_underFaults_stopsTheBatchAndIsolatesTheInstanceStoreOneFirst() {
        assertKept(play("stop-first instance sweep", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            InstanceScene scene = InstanceScene.on(emulator);
            String key = scene.deployBotKey();
            List<String> instances = new ArrayList<>();
            for (String type : List.of("t3.large", "t3.large", "t3.large", "m5d.large")) {
                String id = scene.ec2(InstanceScene.REGION).runInstances(r -> r.imageId("ami-12c6146b")
                        .instanceType(type).minCount(1).maxCount(1).subnetId(scene.network().subnetId())
                        .securityGroupIds(scene.network().webGroupId())).instances().get(0).instanceId();
                scene.deliver(InstanceScene.launched(id, InstanceScene.REGION, key));
                instances.add(id);
            }

            List<ObjectNode> deliveries = underFaults(emulator, InstanceScene.contained(key));

            boolean contained = instances.stream().allMatch(id -> FaultChecks.isolatedAndStopped(scene, id));
            return FaultChecks.result("stop-first instance sweep", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void miningFunction_underFaults_isQuarantinedWithItsKeyAndSweptSibling() {
        assertKept(play("mining function, its key and sweep", seed -> {
            wiremock.resetAll();
            CloudTrailStub.noEvents(wiremock);
            Emulator emulator = Emulator.faulty(c -> c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl())),
                    List.of(MiningScene.codeFromWireMock(wiremock)), RATE, seed);
            MiningScene scene = new MiningScene(emulator, wiremock);
            Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
            Deployed sibling = scene.attacker(MiningScene.EAST, "xmrig-worker-2", "xmrig-exec-east");
            scene.everyThreeMinutes(miner);

            List<ObjectNode> deliveries = underFaults(emulator, MiningScene.finding(miner));

            boolean contained = Integer.valueOf(0).equals(scene.concurrency(miner))
                    && Integer.valueOf(0).equals(scene.concurrency(sibling))
                    && scene.keyStatus("deploy-bot", scene.attackerKey) == StatusType.INACTIVE;
            return FaultChecks.result("mining function, its key and sweep", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void exposureHold_underFaults_holdsTheUnrecordedMinerAndReleasesTheOwnersDeploy() {
        assertKept(play("exposure hold", seed -> {
            wiremock.resetAll();
            CloudTrailStub.noEvents(wiremock);
            Emulator emulator = Emulator.faulty(c -> c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl())),
                    List.of(MiningScene.codeFromWireMock(wiremock)), RATE, seed);
            MiningScene scene = new MiningScene(emulator, wiremock);
            Deployed miner = scene.deploy(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec", "deploy-bot",
                    scene.attackerKey, false);
            Deployed deploy = scene.deploy(MiningScene.EAST, "billing-api", "shared-exec", "owner", scene.ownerKey,
                    false);
            ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
            ((ObjectNode) exposed.path("detail").path("affectedEntities").get(0)).put("entityValue", scene.attackerKey);

            // Held at once; the owner's record arrives; the schedule reviews the holds (twice, as it repeats).
            List<ObjectNode> deliveries = new ArrayList<>(underFaults(emulator, exposed));
            deliveries.addAll(underFaults(emulator, MiningScene.cloudTrail("cloudtrail-lambda-create-function.json",
                    deploy)));
            for (int i = 0; i < 2; i++) {
                deliveries.addAll(underFaults(emulator, Emulator.sample("scheduled-exposure-hold-review.json")
                        .put("id", java.util.UUID.randomUUID().toString())));
            }

            boolean contained = scene.keyStatus("deploy-bot", scene.attackerKey) == StatusType.INACTIVE
                    && Integer.valueOf(0).equals(scene.concurrency(miner)) && scene.concurrency(deploy) == null;
            return FaultChecks.result("exposure hold", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void workloadExposureHold_underFaults_holdsTheUnrecordedTaskAndReleasesTheOwnersTask() {
        // One run: each delivery lists four services in every region the emulator has (issue 17).
        assertKept(play("workload exposure hold", 1, seed -> {
            wiremock.resetAll();
            CloudTrailStub.noEvents(wiremock);
            EcsCreationTimes[] times = new EcsCreationTimes[1];
            Emulator emulator = Emulator.faulty(c -> {
                times[0] = EcsCreationTimes.in(c.endpoint().orElseThrow());
                return c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl()))
                        .withServiceEndpoint("ecs", times[0].endpoint())
                        .withServiceEndpoint("ecs-list", times[0].endpoint());
            }, List.of(), RATE, seed);
            // The stand-in dates ECS's answers; the functions' ECS calls still meet the faults behind it.
            times[0].upstream(emulator.proxy().endpoint());
            try {
                EcsWorkloadScene scene = new EcsWorkloadScene(emulator);
                String miner = scene.runTask("xmrig");
                String owners = scene.runTask("web");
                ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
                ((ObjectNode) exposed.path("detail").path("affectedEntities").get(0)).put("entityValue",
                        scene.attackerKey);

                // Held at the sweep; the owner's record arrives; the schedule reviews the holds twice.
                List<ObjectNode> deliveries = new ArrayList<>(underFaults(emulator, exposed));
                deliveries.addAll(underFaults(emulator, EcsWorkloadScene.runTaskRecord(owners, "owner",
                        scene.ownerKey, java.time.Instant.now())));
                for (int i = 0; i < 2; i++) {
                    deliveries.addAll(underFaults(emulator, WorkloadHoldIT.review()));
                }
                var holds = new dev.tourniquet.records.ExposureHolds(emulator.admin().dynamoDb(),
                        emulator.configuration().tableName());
                java.util.Map<String, String> open = new java.util.HashMap<>();
                holds.open("workload").held().forEach(h -> open.put(h.resourceId(), h.holdIncident()));
                boolean contained = scene.desiredStatus(owners).equals("RUNNING") && open.containsKey(miner)
                        && !open.containsKey(owners);
                return FaultChecks.result("workload exposure hold", seed, emulator, deliveries, contained);
            } finally {
                times[0].close();
            }
        }));
    }

    @Test
    void exposureWindow_underFaults_containsTheFlaggedMinerAndItsKeyAndNothingElseOfTheKeys() {
        assertKept(play("exposure window", seed -> {
            wiremock.resetAll();
            CloudTrailStub.noEvents(wiremock);
            Emulator emulator = Emulator.faulty(c -> c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl())),
                    List.of(MiningScene.codeFromWireMock(wiremock)), RATE, seed);
            MiningScene scene = new MiningScene(emulator, wiremock);
            List<Deployed> kept = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                kept.add(ExposureWindowIT.ordinary(emulator, scene, MiningScene.WEST, "service-" + i,
                        ExposureWindowIT.DEPLOYED_TODAY));
            }
            kept.add(ExposureWindowIT.ordinary(emulator, scene, MiningScene.WEST, "nightly-report",
                    ExposureWindowIT.DEPLOYED_LAST_YEAR));
            Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");

            List<ObjectNode> deliveries = underFaults(emulator, MiningScene.finding(miner));

            // Whatever the faults, the key's ordinary functions and the one made before its window are never touched.
            assertThat(kept).allSatisfy(f -> assertThat(scene.concurrency(f)).as(f.name()).isNull());
            boolean contained = Integer.valueOf(0).equals(scene.concurrency(miner))
                    && scene.keyStatus("deploy-bot", scene.attackerKey) == StatusType.INACTIVE;
            return FaultChecks.result("exposure window", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void trailStoppedByAStolenKey_underFaults_logsAgainWithTheKeyInactive() {
        assertKept(play("trail stopped by a stolen key", seed -> {
            TamperScene scene = TamperScene.faulty(wiremock, RATE, seed);
            scene.baseline();
            scene.cloudTrail().stopLogging(r -> r.name(TamperScene.TRAIL));

            List<ObjectNode> deliveries = underFaults(scene.emulator,
                    scene.byAttacker("cloudtrail-cloudtrail-stop-logging.json"));

            boolean contained = scene.logging() && scene.attackerKeyInactive();
            return FaultChecks.result("trail stopped by a stolen key", seed, scene.emulator, deliveries, contained);
        }));
    }

    @Test
    void ownConcurrencyCut_underFaults_isRestored() {
        assertKept(play("Tourniquet's concurrency cut", seed -> {
            TamperScene scene = TamperScene.faulty(wiremock, RATE, seed);
            scene.baseline();
            scene.lambda().putFunctionConcurrency(r -> r.functionName(TamperScene.OWN_FUNCTION)
                    .reservedConcurrentExecutions(0));

            List<ObjectNode> deliveries = underFaults(scene.emulator,
                    scene.byAttacker("cloudtrail-lambda-put-function-concurrency-own.json"));

            boolean contained = Integer.valueOf(5).equals(scene.concurrency()) && scene.attackerKeyInactive();
            return FaultChecks.result("Tourniquet's concurrency cut", seed, scene.emulator, deliveries, contained);
        }));
    }

    @Test
    void disabledDetector_underFaults_isEnabledAgain() {
        assertKept(play("detector disabled", seed -> {
            TamperScene scene = TamperScene.faulty(wiremock, RATE, seed);
            scene.baseline();
            scene.guardDuty().updateDetector(r -> r.detectorId(scene.detectorId).enable(false));

            List<ObjectNode> deliveries = underFaults(scene.emulator,
                    scene.byAttacker("cloudtrail-guardduty-update-detector-disable.json"));

            boolean contained = "ENABLED".equals(scene.detectorStatus()) && scene.attackerKeyInactive();
            return FaultChecks.result("detector disabled", seed, scene.emulator, deliveries, contained);
        }));
    }

    @Test
    void ownRuleDisabled_underFaults_isEnabledAgain() {
        assertKept(play("Tourniquet's rule disabled", seed -> {
            TamperScene scene = TamperScene.faulty(wiremock, RATE, seed);
            scene.baseline();
            scene.events().disableRule(r -> r.name(TamperScene.OWN_RULE));

            List<ObjectNode> deliveries = underFaults(scene.emulator,
                    scene.byAttacker("cloudtrail-events-disable-rule-own.json"));

            boolean contained = "ENABLED".equals(scene.ruleState()) && scene.attackerKeyInactive();
            return FaultChecks.result("Tourniquet's rule disabled", seed, scene.emulator, deliveries, contained);
        }));
    }

    /** An AWS service's change is undone without containing anyone. */
    @Test
    void serviceCaller_underFaults_isUndoneButNoKeyIsContained() {
        assertKept(play("AWS service stops the trail", seed -> {
            TamperScene scene = TamperScene.faulty(wiremock, RATE, seed);
            scene.baseline();
            scene.cloudTrail().stopLogging(r -> r.name(TamperScene.TRAIL));
            ObjectNode service = dev.tourniquet.internal.Json.object().put("type", "AWSService")
                    .put("invokedBy", "config.amazonaws.com");

            List<ObjectNode> deliveries = underFaults(scene.emulator,
                    scene.by("cloudtrail-cloudtrail-stop-logging.json", service));

            boolean contained = scene.logging() && !scene.attackerKeyInactive();
            return FaultChecks.result("AWS service stops the trail", seed, scene.emulator, deliveries, contained);
        }));
    }

    @Test
    void lookalikeMiner_underFaults_isQuarantinedWithItsKey() {
        assertKept(play("look-alike miner and its key", seed -> {
            wiremock.resetAll();
            CloudTrailStub.noEvents(wiremock);
            Emulator emulator = Emulator.faulty(c -> c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl())),
                    List.of(MiningScene.codeFromWireMock(wiremock)), RATE, seed);
            MiningScene scene = new MiningScene(emulator, wiremock);
            Deployed miner = ExactIdentityIT.lookalike(emulator, scene);

            List<ObjectNode> deliveries = underFaults(emulator, MiningScene.finding(miner));

            boolean contained = Integer.valueOf(0).equals(scene.concurrency(miner))
                    && scene.keyStatus("deploy-bot", scene.attackerKey) == StatusType.INACTIVE;
            return FaultChecks.result("look-alike miner and its key", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void keyReactivatedByAnotherIdentity_underFaults_isInactiveAgainWithItsAuthorContained() {
        assertKept(play("reactivated key and its author", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            var iam = emulator.admin().iam();
            iam.createUser(r -> r.userName("deploy-bot"));
            iam.createUser(r -> r.userName("ops-backdoor"));
            String key = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
            String backdoor = iam.createAccessKey(r -> r.userName("ops-backdoor")).accessKey().accessKeyId();
            ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
            ((ObjectNode) exposed.path("detail").path("affectedEntities").get(0)).put("entityValue", key);
            emulator.deliver(exposed);
            iam.updateAccessKey(r -> r.userName("deploy-bot").accessKeyId(key).status(StatusType.ACTIVE));

            List<ObjectNode> deliveries = underFaults(emulator, Undo.byUser(Undo.keyReactivated("deploy-bot", key),
                    "ops-backdoor", backdoor));

            boolean contained = FaultChecks.keyInactive(emulator, "deploy-bot", key)
                    && FaultChecks.keyInactive(emulator, "ops-backdoor", backdoor);
            return FaultChecks.result("reactivated key and its author", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void release_underFaults_putsTheInstanceBack() {
        List<FaultRun> runs = play("release of an isolated instance", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            InstanceScene scene = InstanceScene.on(emulator);
            String instanceId = scene.launch(InstanceScene.REGION, scene.network(), true);
            List<ObjectNode> deliveries = scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json",
                    instanceId, InstanceScene.REGION));
            String incidentId = InstanceScene.incident(deliveries).path("incidentId").asText();
            assertThat(FaultChecks.isolatedAndStopped(scene, instanceId)).as("contained before the release").isTrue();

            emulator.proxy().enabled(true);
            int exit = Releases.releaseUntilDone(emulator, incidentId, 3);
            emulator.proxy().enabled(false);

            boolean restored = exit == 0 && FaultChecks.restored(scene, instanceId);
            return FaultChecks.result("release of an isolated instance", seed, emulator, List.of(), restored);
        });
        assertThat(runs).allSatisfy(run -> assertThat(run.contained()).as("restored, %s", run).isTrue());
    }

    @Test
    void heartbeat_underFaults_comesBackOrIsDeadLettered() {
        assertKept(play("heartbeat", seed -> {
            HeartbeatScene.Trail trail = HeartbeatScene.trail();
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(trail), RATE, seed);
            HeartbeatScene scene = HeartbeatScene.on(emulator, trail, true);

            emulator.proxy().enabled(true);
            List<ObjectNode> deliveries = new ArrayList<>(scene.beat());
            deliveries.addAll(scene.deliverTrail());
            emulator.proxy().enabled(false);

            boolean returned = scene.ruleTags().containsKey(dev.tourniquet.flow.heartbeat.Heartbeat.TAG_KEY)
                    && scene.metric("HeartbeatReturned", software.amazon.awssdk.services.cloudwatch.model.Statistic.SUM) >= 1;
            return FaultChecks.result("heartbeat", seed, emulator, deliveries, returned);
        }));
    }

    @Test
    void keysAutoScalingGroup_underFaults_isScaledToZeroKeepingItsInstancesOrDeadLettered() {
        assertKept(play("auto scaling group of a contained key", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            InstanceScene scene = InstanceScene.on(emulator);
            String key = scene.deployBotKey();
            List<String> members = RespawningShapesIT.group(scene, "xmrig-asg", t -> t.launchTemplateName("xmrig-asg"));
            scene.deliver(RespawningShapesIT.record("cloudtrail-autoscaling-create-auto-scaling-group.json", key,
                    request -> request.put("autoScalingGroupName", "xmrig-asg")));

            List<ObjectNode> deliveries = underFaults(emulator, InstanceScene.contained(key));

            assertThat(members).as("never terminated, whatever failed").allSatisfy(id -> assertThat(
                    scene.instance(InstanceScene.REGION, id).state().name()).isNotEqualTo(InstanceStateName.TERMINATED));
            boolean contained = RespawningShapesIT.describe(scene, "xmrig-asg").maxSize() == 0
                    && members.stream().allMatch(id -> FaultChecks.isolatedAndStopped(scene, id));
            return FaultChecks.result("auto scaling group of a contained key", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void lateLaunchRecord_underFaults_isolatesItsInstanceOrIsDeadLettered() {
        assertKept(play("late launch record of a contained key", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            InstanceScene scene = InstanceScene.on(emulator);
            String key = scene.deployBotKey();
            scene.containKey(key);
            String late = scene.launch(InstanceScene.REGION, scene.network(), false);

            List<ObjectNode> deliveries = underFaults(emulator, InstanceScene.launched(late, InstanceScene.REGION, key));

            boolean contained = InstanceScene.groupIds(scene.instance(InstanceScene.REGION, late)).stream()
                    .allMatch(id -> scene.group(InstanceScene.REGION, id).groupName().startsWith("tourniquet-isolation-"));
            return FaultChecks.result("late launch record of a contained key", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void historySweep_underFaults_containsWhatOnlyTheHistoryShowsOrIsDeadLettered() {
        assertKept(play("history sweep", seed -> {
            wiremock.resetAll();
            java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            try (CloudTrailHistory history = CloudTrailHistory.start(URI.create("http://127.0.0.1:1"))) {
                Emulator emulator = Emulator.faulty(c -> c.withServiceEndpoint("cloudtrail", history.endpoint()),
                        List.of(MiningScene.codeFromWireMock(wiremock)), RATE, seed);
                // The stand-in answers LookupEvents itself; the functions' other CloudTrail calls meet the faults.
                history.forwardTo(emulator.functionEndpoint());
                MiningScene scene = new MiningScene(emulator, wiremock);
                Deployed unseen = scene.deploy(MiningScene.WEST, "xmrig-history-west", "xmrig-exec", "deploy-bot",
                        scene.attackerKey, false);
                history.add(HistorySweepIT.created(unseen, now.minus(java.time.Duration.ofMinutes(10))));

                List<ObjectNode> deliveries = underFaults(emulator, HistorySweepIT.exposedAt(scene.attackerKey, now));

                boolean contained = Integer.valueOf(0).equals(scene.concurrency(unseen))
                        && scene.keyStatus("deploy-bot", scene.attackerKey) == StatusType.INACTIVE;
                return FaultChecks.result("history sweep", seed, emulator, deliveries, contained);
            }
        }));
    }

    @Test
    void spendBrake_underFaults_announcesTheMinerOnlyTheHistoryShows_andItsCallerIsContainedOrDeadLettered() {
        assertKept(play("spend brake", 1, seed -> {
            wiremock.resetAll();
            java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            try (CloudTrailHistory history = CloudTrailHistory.start(URI.create("http://127.0.0.1:1"))) {
                Emulator emulator = Emulator.faulty(c -> SpendBrakesIT.withFootprint(c.withServiceEndpoint("cloudtrail",
                        history.endpoint()), "us-east-1"), List.of(MiningScene.codeFromWireMock(wiremock)), RATE, seed);
                // The stand-in answers LookupEvents itself; the functions' other calls meet the faults.
                history.forwardTo(emulator.functionEndpoint());
                MiningScene scene = new MiningScene(emulator, wiremock);
                SpendBrakesIT.minerOnlyInTheHistory(scene, history, now);

                List<ObjectNode> deliveries = underFaults(emulator, SpendBrakesIT.anomaly(now));

                boolean contained = scene.keyStatus("deploy-bot", scene.attackerKey) == StatusType.INACTIVE;
                return FaultChecks.result("spend brake", seed, emulator, deliveries, contained);
            }
        }));
    }

    @Test
    void shares_underFaults_areTakenBackOrDeadLettered() {
        assertKept(play("shares", seed -> {
            wiremock.resetAll();
            CloudTrailStub.noEvents(wiremock);
            Emulator emulator = Emulator.faulty(c -> c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl())),
                    List.of(MiningScene.codeFromWireMock(wiremock)), RATE, seed);
            ShareScene scene = new ShareScene(emulator, wiremock);
            scene.attack();

            List<ObjectNode> deliveries = underFaults(emulator, scene.exposed());

            return FaultChecks.result("shares", seed, emulator, deliveries, scene.takenBack());
        }));
    }

    @Test
    void iamPersistence_underFaults_attackersIdentitiesDeniedOwnersUntouchedOrDeadLettered() {
        assertKept(play("iam persistence", seed -> {
            Emulator emulator = Emulator.faulty(Emulator::withoutExposureHold, List.of(), RATE, seed);
            IamPersistenceScene scene = IamPersistenceScene.on(emulator);
            scene.persist().forEach(emulator::deliver);

            List<ObjectNode> deliveries = underFaults(emulator, scene.exposed());

            assertThat(scene.ownersUntouched()).as("the owner's own key and user, whatever failed").isTrue();
            return FaultChecks.result("iam persistence", seed, emulator, deliveries, scene.contained());
        }));
    }

    @Test
    void identityHold_underFaults_heldAtOnce_ownersReleasedByTheirRecord_orDeadLettered() {
        assertKept(play("identity hold", seed -> {
            Emulator emulator = Emulator.faulty(c -> IdentityHoldScene.windowAtTheLeak(c, true), List.of(), RATE, seed);
            IdentityHoldScene scene = IdentityHoldScene.on(emulator);
            scene.insideTheWindow();

            List<ObjectNode> deliveries = new ArrayList<>(underFaults(emulator, scene.exposed()));
            emulator.deliver(scene.createUserRecord(IdentityHoldScene.NEW_HIRE, IdentityHoldScene.OWNER_ADMIN,
                    scene.adminsKey));
            // The schedule comes round every minute: a release that failed is retried by the next review.
            for (int review = 0; review < 3; review++) {
                deliveries.addAll(underFaults(emulator, IdentityHoldScene.review()));
            }

            assertThat(scene.ownersUntouched()).as("the owner's users and keys from before the window").isTrue();
            boolean contained = scene.held() && Quarantine.policies(scene.iam(), IdentityHoldScene.NEW_HIRE).isEmpty();
            return FaultChecks.result("identity hold", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void iamRolesAndPolicies_underFaults_areUndoneOrDeadLettered_theOwnersKeptWorking() {
        assertKept(play("iam roles and policies", seed -> {
            Emulator emulator = Emulator.faulty(Emulator::withoutExposureHold, List.of(), RATE, seed);
            RolesAndPoliciesScene scene = RolesAndPoliciesScene.on(emulator);
            emulator.deliver(scene.ownersRole());
            scene.persist().forEach(emulator::deliver);

            List<ObjectNode> deliveries = underFaults(emulator, scene.exposed());

            assertThat(scene.ownersUntouched()).as("the owner's role, user, key and policy, whatever failed").isTrue();
            return FaultChecks.result("iam roles and policies", seed, emulator, deliveries, scene.contained());
        }));
    }

    @Test
    void longSweep_underFaults_continuesUntilEveryInstanceIsContained() {
        assertKept(play("long sweep, continued", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            InstanceScene scene = InstanceScene.on(emulator);
            String key = "AKIALONGSWEEPFAULTS1";
            List<String> instances = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                instances.add(scene.launch(InstanceScene.REGION, scene.network(), false));
                scene.deliver(InstanceScene.launched(instances.get(i), InstanceScene.REGION, key));
            }
            // Each invocation has 4 s (starting incidents for 3): the sweep of five instances continues, its chain
            // events and their retries going through the same faults.
            emulator.sweepBudget(() -> dev.tourniquet.flow.SweepBudget.remaining(java.time.Duration.ofSeconds(4),
                    java.time.Clock.systemUTC()));

            List<ObjectNode> deliveries = underFaults(emulator, InstanceScene.contained(key));

            boolean contained = instances.stream().allMatch(id -> FaultChecks.isolatedAndStopped(scene, id));
            return FaultChecks.result("long sweep, continued", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void launchOutsideTheFootprint_underFaults_isStoppedWithItsKeyOrDeadLettered() {
        // One seed: the chain (record-provenance, the footprint's two chain events, the instance and the key) is long.
        assertKept(play("launch outside the footprint", 1, seed -> {
            Emulator emulator = Emulator.faulty(c -> c.toBuilder().footprint(dev.tourniquet.internal.Footprint.parse(
                    "us-east-1", "accelerated", "", "")).build(), List.of(), RATE, seed);
            InstanceScene scene = InstanceScene.on(emulator);
            String instance = scene.launch(InstanceScene.REGION, scene.network(), false);
            String key = scene.deployBotKey();

            List<ObjectNode> deliveries = underFaults(emulator, InstanceScene.launched(instance, InstanceScene.REGION,
                    key));

            boolean contained = FaultChecks.isolatedAndStopped(scene, instance) && scene.iam().listAccessKeys(
                    r -> r.userName("deploy-bot")).accessKeyMetadata().stream().filter(k -> k.accessKeyId().equals(key))
                    .allMatch(k -> k.status() == software.amazon.awssdk.services.iam.model.StatusType.INACTIVE);
            return FaultChecks.result("launch outside the footprint", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void footprintInventory_underFaults_holdsTheUnrecordedMinerAndSparesTheOwners() {
        assertKept(play("footprint inventory", 1, seed -> {
            wiremock.resetAll();
            CloudTrailStub.noEvents(wiremock);
            Emulator emulator = Emulator.faulty(c -> FootprintInventoryIT.withFootprint(c,
                    dev.tourniquet.internal.Footprint.parse("", "", "", "3008:900"), wiremock),
                    List.of(MiningScene.codeFromWireMock(wiremock)), RATE, seed);
            MiningScene scene = new MiningScene(emulator, wiremock);
            Deployed owners = scene.deploy(MiningScene.WEST, "legacy-render", "reports-exec", "owner", scene.ownerKey,
                    false);
            // The footprint takes effect at the first run (without faults: the scene is set up), then the miner comes.
            emulator.deliver(FootprintInventoryIT.schedule());
            sleep(1100);
            Deployed miner = scene.deploy(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec", "deploy-bot",
                    scene.attackerKey, false);

            // The schedule comes round: what one run could not hold (a region unlisted, a failed stop) the next does.
            List<ObjectNode> deliveries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deliveries.addAll(underFaults(emulator, FootprintInventoryIT.schedule()));
            }

            assertThat(scene.concurrency(owners)).as("the owner's, there before the footprint").isNull();
            boolean contained = Integer.valueOf(0).equals(scene.concurrency(miner));
            return FaultChecks.result("footprint inventory", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void attackSequence_underFaults_containsTheKeyAndTheMiner_leavesTheTargets() {
        // One seed: two functions act on one finding, and the key's sweep follows.
        assertKept(play("attack sequence", 1, seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            AttackSequenceIT.Attack attack = AttackSequenceIT.attack(InstanceScene.on(emulator));

            List<ObjectNode> deliveries = underFaults(emulator, attack.event());

            AttackSequenceIT.assertTargetsUntouched(attack);
            boolean contained = FaultChecks.isolatedAndStopped(attack.scene(), attack.miner())
                    && FaultChecks.keyInactive(emulator, "deploy-bot", attack.key());
            return FaultChecks.result("attack sequence", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void ecsMiner_underFaults_scalesItsServiceToZeroAndStopsIt_leavesTheOwners() {
        assertKept(play("ecs miner behind a service", seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            EcsScene scene = EcsScene.on(emulator);
            String miners = scene.service("xmrig-svc", "xmrig-svc", 20);
            String miner = scene.serviceTask("xmrig-svc", "xmrig-svc");
            String owners = scene.service("web-api", "web-api", 3);
            String ownersTask = scene.serviceTask("web-api", "web-api");

            List<ObjectNode> deliveries = underFaults(emulator, scene.finding("guardduty-ecs-cryptominer-executed.json",
                    miner, "service:xmrig-svc"));

            assertThat(scene.describeService(owners).desiredCount()).as("the owner's service").isEqualTo(3);
            assertThat(scene.describe(ownersTask).desiredStatus()).as("the owner's task").isEqualTo("RUNNING");
            boolean contained = scene.describeService(miners).desiredCount() == 0
                    && "STOPPED".equals(scene.describe(miner).desiredStatus());
            return FaultChecks.result("ecs miner behind a service", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void buildAndBatchFarm_underFaults_areStoppedAndDisabledOrDeadLettered() {
        // One seed: the key's build, Batch environment and queue, each an incident of the workload sweep.
        assertKept(play("build and batch farm", 1, seed -> {
            BuildBatchScene scene = BuildBatchScene.faulty(RATE, seed);
            try (BuildBatchStandIn standIn = scene.standIn()) {
                scene.project("ci");
                String build = scene.build("ci");
                String environment = scene.computeEnvironment("render-farm", 256);
                String queue = scene.jobQueue("render-queue", environment);
                String key = "AKIAIOSFODNN7EXAMPLE";
                scene.deliver(BuildBatchScene.startBuild(build, key));
                scene.deliver(BuildBatchScene.environmentCreated(environment, key));
                scene.deliver(BuildBatchScene.queueCreated(queue, key));

                List<ObjectNode> deliveries = underFaults(scene.emulator, InstanceScene.contained(key));

                var env = scene.batchAsSeen().describeComputeEnvironments(r -> r.computeEnvironments(environment))
                        .computeEnvironments().get(0);
                boolean contained = standIn.stopped(build) && "DISABLED".equals(env.stateAsString())
                        && env.computeResources().maxvCpus() == 0 && "DISABLED".equals(scene.batchAsSeen()
                        .describeJobQueues(r -> r.jobQueues(queue)).jobQueues().get(0).stateAsString());
                return FaultChecks.result("build and batch farm", seed, scene.emulator, deliveries, contained);
            }
        }));
    }

    @Test
    void sageMakerWorkloads_underFaults_areStoppedOrDeadLettered() {
        // One seed: a sweep of four workloads, each its own incident, the notebook stopped once in service.
        assertKept(play("SageMaker workloads of a contained key", 1, seed -> {
            try (SageMakerStandIn standIn = SageMakerStandIn.start(URI.create("http://127.0.0.1:1"))) {
                SageMakerScene scene = SageMakerScene.faulty(standIn, RATE, seed);
                Emulator emulator = scene.emulator();
                String key = emulator.admin().iam().createAccessKey(r -> r.userName(
                        emulator.admin().iam().createUser(u -> u.userName("deploy-bot")).user().userName()))
                        .accessKey().accessKeyId();
                String model = scene.model("llm-7b");
                emulator.deliver(SageMakerScene.created("cloudtrail-sagemaker-create-training-job.json",
                        "trainingJobArn", scene.trainingJob("llm-finetune-7"), key));
                emulator.deliver(SageMakerScene.created("cloudtrail-sagemaker-create-processing-job.json",
                        "processingJobArn", scene.processingJob("feature-prep-3"), key));
                emulator.deliver(SageMakerScene.created("cloudtrail-sagemaker-create-transform-job.json",
                        "transformJobArn", scene.transformJob("batch-infer-9", model), key));
                String notebook = scene.notebook("research-nb");
                emulator.deliver(SageMakerScene.created("cloudtrail-sagemaker-create-notebook-instance.json",
                        "notebookInstanceArn", notebook, key));
                // The notebook is still starting through the sweep's attempts; SageMaker's report that it is in
                // service (its own delivery, under the same faults) stops it.
                standIn.pending("research-nb");
                List<ObjectNode> deliveries = new ArrayList<>(underFaults(emulator, InstanceScene.contained(key)));
                standIn.inService("research-nb");
                deliveries.addAll(underFaults(emulator, SageMakerScene.notebookInService(notebook, "research-nb")));

                boolean contained = "Stopped".equals(scene.jobStatus("training", "llm-finetune-7"))
                        && "Stopped".equals(scene.jobStatus("processing", "feature-prep-3"))
                        && "Stopped".equals(scene.jobStatus("transform", "batch-infer-9"))
                        && scene.notebookStatus("research-nb")
                        == software.amazon.awssdk.services.sagemaker.model.NotebookInstanceStatus.STOPPED;
                return FaultChecks.result("SageMaker workloads of a contained key", seed, emulator, deliveries,
                        contained);
            }
        }));
    }

    @Test
    void respawnTriggers_underFaults_areCutOrDeadLettered_theOwnersLeft() {
        assertKept(play("respawn triggers", 1, seed -> {
            Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), RATE, seed);
            TriggerScene scene = TriggerScene.on(emulator);
            String xmrig = scene.taskDefinition("xmrig");
            String report = scene.taskDefinition("nightly-report");
            scene.rule("xmrig-every-3-minutes", TriggerScene.ecsTarget("miner", xmrig));
            scene.rule("shared-tick", TriggerScene.ecsTarget("miner-too", xmrig), software.amazon.awssdk.services
                    .eventbridge.model.Target.builder().id("audit").arn("arn:aws:sqs:us-east-1:123456789012:audit").build());
            scene.rule("nightly-report", TriggerScene.ecsTarget("report", report));
            scene.ecsSchedule("xmrig-keepalive", xmrig);
            String key = scene.deployBotKey();
            scene.deliver(TriggerScene.ranTask(scene.runTask(xmrig), key));
            // A rule the key itself pointed at a CodeBuild project: cut by the same sweep, the owner's left.
            String project = "arn:aws:codebuild:us-east-1:123456789012:project/ci-cache";
            scene.rule("cache-every-5-minutes", software.amazon.awssdk.services.eventbridge.model.Target.builder()
                    .id("build").arn(project).roleArn(TriggerScene.ROLE_ARN).build());
            scene.deliver(TriggerScene.keyPutTargets(key, "cache-every-5-minutes", project));

            List<ObjectNode> deliveries = underFaults(emulator, InstanceScene.contained(key));

            assertThat(scene.ruleState("nightly-report")).isEqualTo("ENABLED");
            assertThat(scene.targets("nightly-report")).hasSize(1);
            boolean contained = "DISABLED".equals(scene.ruleState("xmrig-every-3-minutes"))
                    && "DISABLED".equals(scene.ruleState("cache-every-5-minutes"))
                    && scene.targets("shared-tick").stream().map(t -> t.id()).toList().equals(List.of("audit"))
                    && "DISABLED".equals(scene.scheduleState("xmrig-keepalive"));
            return FaultChecks.result("respawn triggers", seed, emulator, deliveries, contained);
        }));
    }

    @Test
    void bedrockLoggingDeleted_underFaults_isPutBackWithTheKeyInactive() {
        assertKept(play("Bedrock model-invocation logging deleted", seed -> {
            TamperScene scene = TamperScene.faulty(wiremock, RATE, seed);
            var bedrock = scene.emulator.admin().client("bedrock", TamperScene.REGION,
                    software.amazon.awssdk.services.bedrock.BedrockClient::builder);
            scene.emulator.admin().s3(TamperScene.REGION).createBucket(r -> r.bucket("llm-logs-" + TamperScene.ACCOUNT));
            bedrock.putModelInvocationLoggingConfiguration(r -> r.loggingConfig(c -> c.textDataDeliveryEnabled(true)
                    .s3Config(s3 -> s3.bucketName("llm-logs-" + TamperScene.ACCOUNT))));
            scene.baseline();
            bedrock.deleteModelInvocationLoggingConfiguration(r -> { });

            List<ObjectNode> deliveries = underFaults(scene.emulator,
                    scene.byAttacker("cloudtrail-bedrock-delete-model-invocation-logging-configuration.json"));

            var logging = bedrock.getModelInvocationLoggingConfiguration(r -> { }).loggingConfig();
            boolean contained = logging != null && logging.s3Config() != null && scene.attackerKeyInactive();
            return FaultChecks.result("Bedrock model-invocation logging deleted", seed, scene.emulator, deliveries,
                    contained);
        }));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<ObjectNode> underFaults(Emulator emulator, JsonNode event) {
        emulator.proxy().enabled(true);
        try {
            return emulator.deliver(event);
        } finally {
            emulator.proxy().enabled(false);
        }
    }

    static boolean stopped(InstanceScene scene, String instanceId) {
        return scene.instance(InstanceScene.REGION, instanceId).state().name() == InstanceStateName.STOPPED;
    }
}

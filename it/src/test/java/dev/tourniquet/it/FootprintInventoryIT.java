package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.records.FootprintRecords;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.signal.ChainEvents;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The footprint's inventory on moto server (AllowedRegions us-east-1,us-west-2; DeniedInstanceFamilies accelerated;
 * MaxInstanceVcpus 32; DeniedFunctionShape miner): what the owner had when the footprint took effect is alerted once and left running;
 * what appeared since outside it with no CloudTrail record is held (the one stopping call) and released when a record
 * names an exempt principal; what a recorded non-exempt caller launched is announced as a Resource Outside Footprint
 * chain event (once); an exempt caller's and what is inside the footprint are untouched. Footprint off: nothing is
 * listed. Plan mode: nothing changes.
 */
class FootprintInventoryIT {
    private static final String WEST = MiningScene.WEST;
    private static final String FUNCTIONS = "QuarantineFunction";
    private static final String INSTANCES = "IsolateInstanceFunction";
    private static final String EXEMPT = "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/ci-deployer";
    private static final Footprint FOOTPRINT = Footprint.parse("us-east-1,us-west-2", "accelerated", "32",
            "miner");
    private static final Map<String, Set<String>> PERFORMED = Map.of(FUNCTIONS, new TreeSet<>(), INSTANCES,
            new TreeSet<>());
    private static WireMockServer wiremock;

    private final List<JsonNode> announced = new CopyOnWriteArrayList<>();
    private Emulator emulator;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void stopWireMockAndCheckLeastPrivilege() {
        wiremock.stop();
        assertThat(PERFORMED.get(FUNCTIONS)).contains("lambda:ListFunctions", "lambda:PutFunctionConcurrency",
                "lambda:DeleteFunctionConcurrency", "events:PutEvents", "dynamodb:DeleteItem");
        assertThat(PERFORMED.get(INSTANCES)).contains("ec2:DescribeInstances", "ec2:DescribeInstanceTypes",
                "ec2:StopInstances", "events:PutEvents", "dynamodb:DeleteItem");
        PERFORMED.forEach((function, actions) -> assertThat(Emulator.leastPrivilege(function).notGranted(actions))
                .as(function).isEmpty());
    }

    private void scene(Mode mode, Footprint footprint) {
        wiremock.resetAll();
        CloudTrailStub.noEvents(wiremock);
        emulator = Emulator.fresh(mode, List.of(EXEMPT), c -> withFootprint(c, footprint, wiremock),
                List.of(MiningScene.codeFromWireMock(wiremock), chainEvents(announced)));
        new MiningScene(emulator, wiremock);
    }

    static Configuration withFootprint(Configuration configuration, Footprint footprint, WireMockServer wiremock) {
        return configuration.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl())).toBuilder()
                .footprint(footprint).build();
    }

    @Test
    void inventory_holdsTheUnexplained_announcesTheRecorded_sparesTheOwnersAndTheExempt() throws Exception {
        scene(Mode.ENFORCE, FOOTPRINT);
        String ownersRender = function(WEST, "legacy-render", 10_240, 900);
        String ownersGpu = instance(WEST, "g5.xlarge");
        List<ObjectNode> first = run();
        assertThat(decisions(first)).anySatisfy(d -> assertThat(d).startsWith("OWNER'S " + ownersRender))
                .anySatisfy(d -> assertThat(d).startsWith("OWNER'S " + ownersGpu));
        Thread.sleep(1100);

        String unseenMiner = function(WEST, "xmrig-unseen", 10_240, 900);
        String unseenGpu = instance(WEST, "p3.2xlarge");
        String unseenLarge = instance(WEST, "m5.24xlarge");
        String recordedMiner = function(WEST, "xmrig-recorded", 10_240, 900);
        deliver(createFunction(recordedMiner, "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/deploy-bot"));
        String recordedGpu = instance(WEST, "g4dn.12xlarge");
        deliver(runInstances(recordedGpu, "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/deploy-bot"));
        String exemptMiner = function(WEST, "render-farm", 10_240, 900);
        deliver(createFunction(exemptMiner, EXEMPT));
        String small = function(WEST, "billing-api", 512, 30);
        String general = instance(WEST, "t3.micro");

        List<ObjectNode> second = run();

        assertThat(concurrency(unseenMiner)).as("held: the one stopping call").isZero();
        assertThat(state(unseenGpu)).isEqualTo(InstanceStateName.STOPPED);
        assertThat(held("function")).containsOnlyKeys(unseenMiner);
        assertThat(held("instance")).containsOnlyKeys(unseenGpu, unseenLarge);
        assertThat(state(unseenLarge)).as("96 vCPUs, above 32").isEqualTo(InstanceStateName.STOPPED);
        assertThat(record(held("function").get(unseenMiner))).containsEntry("findingType",
                AttributeValue.fromS(ChainEvents.FOOTPRINT_HOLD));
        assertThat(incidents(second)).filteredOn(i -> unseenMiner.equals(i.path("subject").asText()))
                .singleElement().satisfies(i -> assertThat(i.path("steps").findValuesAsText("step"))
                        .containsExactly("set-reserved-concurrency-zero"));
        assertThat(announcedResources()).containsExactlyInAnyOrder(recordedMiner, recordedGpu);
        assertThat(announced).allSatisfy(detail -> assertThat(detail.path("incidentId").asText())
                .startsWith("footprint/"));
        assertThat(announced).filteredOn(d -> recordedGpu.equals(d.at("/record/resourceId").asText())).singleElement()
                .satisfies(d -> assertThat(d.path("rule").asText()).isEqualTo("DeniedInstanceFamilies"));
        // Announced, not held: the Resource Outside Footprint rule contains it as its own footprint incident.
        assertThat(concurrency(recordedMiner)).as("announced and contained, not held by the inventory").isZero();
        assertThat(concurrency(exemptMiner)).as("an exempt caller's").isNull();
        assertThat(concurrency(small)).isNull();
        assertThat(concurrency(ownersRender)).as("the owner's before the footprint").isNull();
        assertThat(state(ownersGpu)).isEqualTo(InstanceStateName.RUNNING);
        assertThat(state(general)).isEqualTo(InstanceStateName.RUNNING);
        assertThat(state(recordedGpu)).as("announced and contained").isEqualTo(InstanceStateName.STOPPED);
        assertThat(decisions(second)).noneSatisfy(d -> assertThat(d).contains(ownersRender))
                .noneSatisfy(d -> assertThat(d).contains(exemptMiner)).noneSatisfy(d -> assertThat(d).contains(small));

        // Idempotent: nothing is held or announced twice.
        announced.clear();
        List<ObjectNode> third = run();
        assertThat(announced).isEmpty();
        assertThat(decisions(third)).isEmpty();
        assertThat(incidents(third)).allSatisfy(i -> assertThat(i.path("claim").asText()).isEqualTo("duplicate"));

        // The records arrive: the miner was the exempt deployer's (released), the GPU instance deploy-bot's (announced).
        deliver(createFunction(unseenMiner, EXEMPT));
        deliver(runInstances(unseenGpu, "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/deploy-bot"));
        List<ObjectNode> fourth = run();
        assertThat(concurrency(unseenMiner)).as("released by its record").isNull();
        assertThat(record(incidentOf(second, unseenMiner))).containsKey("releasedAt")
                .containsEntry("footprintDecision", AttributeValue.fromS("released"));
        // Announced by the record's own judgement as it arrived and by the inventory's: one incident either way.
        assertThat(announcedResources()).containsOnly(unseenGpu);
        assertThat(state(unseenGpu)).as("still stopped: its containment takes over").isEqualTo(InstanceStateName.STOPPED);
        assertThat(held("function")).isEmpty();
        assertThat(held("instance")).as("still unexplained: still held").containsOnlyKeys(unseenLarge);
        assertThat(decisions(fourth)).anySatisfy(d -> assertThat(d).startsWith("RELEASED " + unseenMiner))
                .anySatisfy(d -> assertThat(d).startsWith("ANNOUNCED " + unseenGpu));
        assertThat(emulator.account().takeAlerts()).anySatisfy(a -> assertThat(a).contains("HELD BY THE FOOTPRINT"))
                .anySatisfy(a -> assertThat(a).contains("footprint inventory", "OWNER'S " + ownersRender));
    }

    @Test
    void personReleasesAHold_itIsLeftAloneFromThenOn() throws Exception {
        scene(Mode.ENFORCE, FOOTPRINT);
        run();
        Thread.sleep(1100);
        String gpu = instance("us-east-1", "g5.xlarge");
        List<ObjectNode> held = run();
        String incident = held("instance").get(gpu);
        assertThat(state(gpu)).isEqualTo(InstanceStateName.STOPPED);

        assertThat(Releases.release(emulator, incident)).isNotEmpty();
        List<ObjectNode> after = run();

        assertThat(state(gpu)).isIn(InstanceStateName.RUNNING, InstanceStateName.PENDING);
        assertThat(held("instance")).isEmpty();
        assertThat(decisions(after)).anySatisfy(d -> assertThat(d).startsWith("DROPPED " + gpu));
        run();
        assertThat(state(gpu)).as("not held again").isIn(InstanceStateName.RUNNING, InstanceStateName.PENDING);
        assertThat(held).isNotEmpty();
    }

    @Test
    void exemptTaggedInstance_isLeftAlone() throws Exception {
        scene(Mode.ENFORCE, FOOTPRINT);
        run();
        Thread.sleep(1100);
        String tagged = ec2(WEST).runInstances(r -> r.imageId("ami-12c6146b").instanceType("g5.xlarge").minCount(1)
                .maxCount(1).tagSpecifications(t -> t.resourceType("instance").tags(tag -> tag.key("tourniquet:exempt")
                        .value("render-farm")))).instances().get(0).instanceId();

        List<ObjectNode> first = run();
        List<ObjectNode> second = run();

        assertThat(state(tagged)).isEqualTo(InstanceStateName.RUNNING);
        assertThat(held("instance")).isEmpty();
        assertThat(decisions(first)).anySatisfy(d -> assertThat(d).startsWith("LEFT ALONE " + tagged)
                .contains("exempt"));
        assertThat(decisions(second)).isEmpty();
    }

    @Test
    void planMode_recordsWhatItWouldHold_andChangesNothing() throws Exception {
        scene(Mode.PLAN, FOOTPRINT);
        run();
        Thread.sleep(1100);
        String miner = function(WEST, "xmrig-unseen", 10_240, 900);
        String gpu = instance(WEST, "p4d.24xlarge");

        List<ObjectNode> planned = run();
        run();

        assertThat(concurrency(miner)).isNull();
        assertThat(state(gpu)).isEqualTo(InstanceStateName.RUNNING);
        assertThat(held("function")).isEmpty();
        assertThat(held("instance")).isEmpty();
        assertThat(decisions(planned)).anySatisfy(d -> assertThat(d).startsWith("WOULD HOLD " + miner))
                .anySatisfy(d -> assertThat(d).startsWith("WOULD HOLD " + gpu));
        assertThat(record(incidentOf(planned, miner))).containsEntry("mode", AttributeValue.fromS("plan"));
    }

    @Test
    void footprintOff_listsNothing() {
        scene(Mode.ENFORCE, Footprint.off());
        String miner = function(WEST, "xmrig-unseen", 10_240, 900);
        String gpu = instance(WEST, "p3.2xlarge");

        List<ObjectNode> deliveries = run();

        assertThat(deliveries).hasSize(3).allSatisfy(d -> assertThat(d.path("response").path("status").asText())
                .isEqualTo("nothing_to_do"));
        assertThat(emulator.recorder(FUNCTIONS).actions()).doesNotContain("lambda:ListFunctions");
        assertThat(emulator.recorder(INSTANCES).actions()).doesNotContain("ec2:DescribeInstances");
        assertThat(concurrency(miner)).isNull();
        assertThat(state(gpu)).isEqualTo(InstanceStateName.RUNNING);
    }

    // ------------------------------------------------------------------ the scene

    private String function(String region, String name, int memory, int timeout) {
        return lambda(region).createFunction(r -> r.functionName(name).runtime("python3.12")
                .role("arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":role/xmrig-exec").handler("main.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip(name)))).memorySize(memory).timeout(timeout))
                .functionArn();
    }

    private static byte[] zip(String name) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("main.py"));
            zip.write(("def handler(event, context):\n    return '" + name + "'\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private String instance(String region, String type) {
        return ec2(region).runInstances(r -> r.imageId("ami-12c6146b").instanceType(type).minCount(1).maxCount(1))
                .instances().get(0).instanceId();
    }

    static ObjectNode createFunction(String functionArn, String caller) {
        ObjectNode event = trail("cloudtrail-lambda-create-function.json", functionArn.split(":")[3], caller);
        ObjectNode record = (ObjectNode) event.path("detail");
        ((ObjectNode) record.path("requestParameters")).put("functionName", functionArn.substring(
                functionArn.lastIndexOf(':') + 1)).put("memorySize", 10_240).put("timeout", 900);
        ((ObjectNode) record.path("responseElements")).put("functionArn", functionArn)
                .put("functionName", functionArn.substring(functionArn.lastIndexOf(':') + 1));
        return event;
    }

    static ObjectNode runInstances(String instanceId, String caller) {
        ObjectNode event = trail("cloudtrail-ec2-run-instances.json", WEST, caller);
        ((ObjectNode) event.path("detail").path("responseElements").path("instancesSet").path("items").get(0))
                .put("instanceId", instanceId);
        return event;
    }

    // A record made now (the footprint took effect a moment ago), by a user of this account without a key.
    private static ObjectNode trail(String sample, String region, String caller) {
        ObjectNode event = Emulator.sample(sample);
        String now = Instant.now().toString();
        event.put("id", UUID.randomUUID().toString()).put("region", region).put("time", now);
        ObjectNode record = (ObjectNode) event.path("detail");
        record.put("eventID", UUID.randomUUID().toString()).put("awsRegion", region).put("eventTime", now);
        ((ObjectNode) record.path("userIdentity")).put("arn", caller).put("userName",
                caller.substring(caller.lastIndexOf('/') + 1)).remove("accessKeyId");
        return event;
    }

    static ObjectNode schedule() {
        return Emulator.sample("scheduled-footprint-inventory.json").put("id", UUID.randomUUID().toString())
                .put("time", Instant.now().toString());
    }

    private List<ObjectNode> run() {
        return deliver(schedule());
    }

    private List<ObjectNode> deliver(JsonNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.forEach((function, actions) -> actions.addAll(emulator.recorder(function).actions()));
        return deliveries;
    }

    // Every Resource Outside Footprint detail the functions put on the bus (as EventBridge receives it).
    static ExecutionInterceptor chainEvents(List<JsonNode> announced) {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutEventsRequest put) {
                    put.entries().stream().filter(e -> ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT.equals(e.detailType()))
                            .forEach(e -> announced.add(MiningScene.read(e.detail())));
                }
            }
        };
    }

    private List<String> announcedResources() {
        return announced.stream().map(d -> d.at("/record/resourceId").asText()).toList();
    }

    // ------------------------------------------------------------------ reading the results

    private static List<String> decisions(List<ObjectNode> deliveries) {
        return deliveries.stream().flatMap(d -> java.util.stream.StreamSupport.stream(
                d.path("response").path("decisions").spliterator(), false)).map(JsonNode::asText).toList();
    }

    private static List<JsonNode> incidents(List<ObjectNode> deliveries) {
        return deliveries.stream().flatMap(d -> java.util.stream.StreamSupport.stream(
                d.path("response").path("incidents").spliterator(), false)).toList();
    }

    private static String incidentOf(List<ObjectNode> deliveries, String subject) {
        return incidents(deliveries).stream().filter(i -> subject.equals(i.path("subject").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no incident for " + subject)).path("incidentId").asText();
    }

    private Map<String, String> held(String kind) {
        Map<String, String> held = new java.util.HashMap<>();
        new FootprintRecords(emulator.admin().dynamoDb(), emulator.configuration().tableName()).open(kind)
                .forEach(h -> held.put(h.resourceId(), h.holdIncident()));
        return held;
    }

    private Map<String, AttributeValue> record(String incidentId) {
        return new IncidentStore(emulator.admin().dynamoDb(), emulator.configuration().tableName()).find(incidentId)
                .orElseThrow(() -> new AssertionError("no incident " + incidentId));
    }

    private LambdaClient lambda(String region) {
        return emulator.admin().client("lambda", region, LambdaClient::builder);
    }

    private Ec2Client ec2(String region) {
        return emulator.admin().client("ec2", region, Ec2Client::builder);
    }

    private Integer concurrency(String functionArn) {
        return lambda(functionArn.split(":")[3]).getFunctionConcurrency(r -> r.functionName(functionArn))
                .reservedConcurrentExecutions();
    }

    private InstanceStateName state(String instanceId) {
        for (String region : List.of(WEST, "us-east-1")) {
            var reservations = ec2(region).describeInstances(r -> r.filters(f -> f.name("instance-id")
                    .values(instanceId))).reservations();
            if (!reservations.isEmpty()) {
                return reservations.get(0).instances().get(0).state().name();
            }
        }
        throw new AssertionError("no instance " + instanceId);
    }
}

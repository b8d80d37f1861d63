package dev.tourniquet.it;

import dev.tourniquet.cli.simulate.EcsCreationTimes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.records.FootprintRecords;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.signal.ChainEvents;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The footprint's inventory of workloads on moto server (AllowedRegions us-east-1,us-west-2; DeniedInstanceFamilies
 * accelerated): stop-workload lists on the inventory's schedule too. An ECS task the owner ran in eu-west-1 before the
 * footprint took effect is alerted once as the owner's and left running; one run there since with no record, and a
 * SageMaker notebook instance of {@code ml.p3.2xlarge} in an allowed region, are held as footprint breaches; an
 * exempt deployer's task there, a task in an allowed region and an {@code ml.t3.medium} notebook are untouched; a
 * later run holds nothing twice; with no footprint nothing is listed.
 */
class WorkloadInventoryIT {
    private static final String OUTSIDE = "eu-west-1";
    private static final String EXEMPT = "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/ci-deployer";
    private static final Footprint FOOTPRINT = Footprint.parse("us-east-1,us-west-2", "accelerated", "", "");
    private static final Set<String> PERFORMED = new TreeSet<>();
    private static WireMockServer wiremock;

    private Emulator emulator;
    private EcsCreationTimes times;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void stopWorkloadStaysWithinItsPolicy() {
        wiremock.stop();
        assertThat(PERFORMED).contains("ecs:ListClusters", "ecs:DescribeTasks", "sagemaker:ListNotebookInstances",
                "ec2:DescribeRegions", "dynamodb:Query");
        assertThat(Emulator.leastPrivilege(WorkloadHoldIT.FUNCTION).notGranted(PERFORMED)).isEmpty();
    }

    @AfterEach
    void stopStandIn() {
        if (times != null) {
            times.close();
        }
    }

    private void scene(Footprint footprint) {
        wiremock.resetAll();
        CloudTrailStub.noEvents(wiremock);
        emulator = Emulator.fresh(Mode.ENFORCE, List.of(EXEMPT), c -> {
            times = EcsCreationTimes.in(c.endpoint().orElseThrow());
            return FootprintInventoryIT.withFootprint(c.withServiceEndpoint("ecs", times.endpoint())
                    .withServiceEndpoint("ecs-list", times.endpoint()), footprint, wiremock);
        }, List.of());
    }

    @Test
    void inventory_holdsTheUnexplainedWorkloadsOutside_sparesTheOwnersTheExemptAndWhatIsInside() throws Exception {
        scene(FOOTPRINT);
        EcsWorkloadScene outside = new EcsWorkloadScene(emulator, OUTSIDE);
        String ownersTask = outside.runTask("web");
        List<ObjectNode> first = run();
        assertThat(decisions(first)).anySatisfy(d -> assertThat(d).startsWith("OWNER'S " + ownersTask));
        Thread.sleep(1100);

        String miner = outside.runTask("xmrig");
        String exemptTask = outside.runTask("web");
        deliver(EcsWorkloadScene.runTaskRecord(exemptTask, "ci-deployer", "AKIAEXEMPTDEPLOYER01", Instant.now()));
        String gpuNotebook = notebook("research-gpu", "ml.p3.2xlarge");
        String smallNotebook = notebook("research-small", "ml.t3.medium");
        ecsInside().runTask("web");

        List<ObjectNode> second = run();

        Map<String, String> held = held();
        assertThat(held).containsOnlyKeys(miner, gpuNotebook);
        for (String workload : List.of(miner, gpuNotebook)) {
            assertThat(record(held.get(workload))).containsEntry("findingType",
                    AttributeValue.fromS(ChainEvents.FOOTPRINT_HOLD));
            // A hold makes the one stopping call, and only one a release can undo (WorkloadHoldSteps).
            assertThat(WorkloadHoldIT.incidentOf(second, workload).path("steps").size()).isLessThanOrEqualTo(1);
        }
        assertThat(decisions(second)).anySatisfy(d -> assertThat(d).startsWith("HELD " + miner)
                        .contains("outside AllowedRegions"))
                .anySatisfy(d -> assertThat(d).startsWith("HELD " + gpuNotebook).contains("p3.2xlarge",
                        "DeniedInstanceFamilies"))
                .noneSatisfy(d -> assertThat(d).contains(exemptTask)).noneSatisfy(d -> assertThat(d)
                        .contains(smallNotebook)).noneSatisfy(d -> assertThat(d).contains(ownersTask));
        assertThat(outside.desiredStatus(ownersTask)).as("the owner's, before the footprint").isEqualTo("RUNNING");
        assertThat(outside.desiredStatus(exemptTask)).as("an exempt deployer's").isEqualTo("RUNNING");

        // Idempotent: nothing is held or alerted twice.
        List<ObjectNode> third = run();
        assertThat(decisions(third)).noneSatisfy(d -> assertThat(d).startsWith("HELD"))
                .noneSatisfy(d -> assertThat(d).startsWith("OWNER'S"));
        assertThat(held()).containsOnlyKeys(miner, gpuNotebook);
    }

    @Test
    void noFootprint_listsNoWorkload() {
        scene(Footprint.parse("", "", "", ""));
        new EcsWorkloadScene(emulator, OUTSIDE).runTask("xmrig");

        List<ObjectNode> run = run();

        assertThat(run).filteredOn(d -> WorkloadHoldIT.FUNCTION.equals(d.path("function").asText())).singleElement()
                .satisfies(d -> assertThat(d.path("response").path("reason").asText()).isEqualTo("no footprint is set"));
        assertThat(held()).isEmpty();
    }

    // A second cluster, in an allowed region.
    private EcsWorkloadScene ecsInside() {
        return EcsWorkloadScene.withoutUsers(emulator, "us-west-2");
    }

    private String notebook(String name, String type) {
        SageMakerClient sageMaker = emulator.admin().client("sagemaker", "us-east-1", SageMakerClient::builder);
        return sageMaker.createNotebookInstance(r -> r.notebookInstanceName(name).instanceType(type)
                .roleArn("arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":role/research")).notebookInstanceArn();
    }

    private List<ObjectNode> run() {
        return deliver(FootprintInventoryIT.schedule());
    }

    private List<ObjectNode> deliver(JsonNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(WorkloadHoldIT.FUNCTION).actions());
        return deliveries;
    }

    private static List<String> decisions(List<ObjectNode> deliveries) {
        List<String> decisions = new java.util.ArrayList<>();
        deliveries.stream().filter(d -> WorkloadHoldIT.FUNCTION.equals(d.path("function").asText()))
                .forEach(d -> d.path("response").path("decisions").forEach(x -> decisions.add(x.asText())));
        return decisions;
    }

    private Map<String, AttributeValue> record(String incidentId) {
        return new IncidentStore(emulator.admin().dynamoDb(), emulator.configuration().tableName()).find(incidentId)
                .orElseThrow(() -> new AssertionError("no incident " + incidentId));
    }

    private Map<String, String> held() {
        Map<String, String> held = new HashMap<>();
        new FootprintRecords(emulator.admin().dynamoDb(), emulator.configuration().tableName()).open("workload")
                .forEach(h -> held.put(h.resourceId(), h.holdIncident()));
        return held;
    }
}

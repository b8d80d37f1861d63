package dev.tourniquet.it;

import static dev.tourniquet.it.WorkloadHoldScene.incidentOf;
import static dev.tourniquet.it.WorkloadHoldScene.stopWorkloadDeliveries;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.records.FootprintRecords;
import dev.tourniquet.signal.ChainEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The footprint's inventory of workloads on moto server (AllowedRegions us-east-1,us-west-2; DeniedInstanceFamilies
 * accelerated): stop-workload lists on the inventory's schedule too. An ECS task the owner ran in eu-west-1 before the
 * footprint took effect is alerted once as the owner's and left running; one run there since with no record, and a
 * SageMaker notebook instance of {@code ml.p3.2xlarge} in an allowed region, are held as footprint breaches; an
 * exempt deployer's task there, a task in an allowed region and an {@code ml.t3.medium} notebook are untouched; a
 * later run holds nothing twice; with no footprint nothing is listed. With MaxInstanceVcpus 4, an {@code ml.m5.4xlarge}
 * notebook (16 vCPUs in EC2's table, as moto serves it) is held and an {@code ml.t3.medium} one untouched.
 */
class WorkloadInventoryIT {
    private static final String OUTSIDE = "eu-west-1";
    private static final String EXEMPT = "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/ci-deployer";
    private static final Footprint FOOTPRINT = Footprint.parse("us-east-1,us-west-2", "accelerated", "", "");

    @RegisterExtension
    static final WorkloadHoldScene HOLDS = new WorkloadHoldScene();

    private Emulator emulator;

    @AfterAll
    static void stopWorkloadStaysWithinItsPolicy() {
        assertThat(HOLDS.performed()).contains("ecs:ListClusters", "ecs:DescribeTasks",
                "sagemaker:ListNotebookInstances", "ec2:DescribeRegions", "dynamodb:Query");
        assertThat(Emulator.leastPrivilege(WorkloadHoldScene.FUNCTION).notGranted(HOLDS.performed())).isEmpty();
    }

    private void scene(Footprint footprint) {
        emulator = HOLDS.fresh(List.of(EXEMPT), c -> c.toBuilder().footprint(footprint).build());
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
            assertThat(incidentOf(second, workload).path("steps").size()).isLessThanOrEqualTo(1);
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
    void inventory_maxInstanceVcpus_holdsTheNotebookAboveIt_byEc2sSizeOfItsType() throws Exception {
        scene(Footprint.parse("us-east-1,us-west-2", "", "4", ""));
        run();
        Thread.sleep(1100);
        String large = notebook("research-large", "ml.m5.4xlarge");
        String small = notebook("research-small", "ml.t3.medium");

        List<ObjectNode> run = run();

        assertThat(held()).containsOnlyKeys(large);
        assertThat(decisions(run)).anySatisfy(d -> assertThat(d).startsWith("HELD " + large)
                .contains("ml.m5.4xlarge", "16 vCPUs", "MaxInstanceVcpus")).noneSatisfy(d -> assertThat(d)
                .contains(small));
        assertThat(HOLDS.performed()).contains("ec2:DescribeInstanceTypes");
    }

    @Test
    void noFootprint_listsNoWorkload() {
        scene(Footprint.parse("", "", "", ""));
        new EcsWorkloadScene(emulator, OUTSIDE).runTask("xmrig");

        List<ObjectNode> run = run();

        assertThat(stopWorkloadDeliveries(run)).singleElement()
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
        return HOLDS.deliver(event);
    }

    private static List<String> decisions(List<ObjectNode> deliveries) {
        List<String> decisions = new java.util.ArrayList<>();
        stopWorkloadDeliveries(deliveries)
                .forEach(d -> d.path("response").path("decisions").forEach(x -> decisions.add(x.asText())));
        return decisions;
    }

    private Map<String, AttributeValue> record(String incidentId) {
        return HOLDS.record(incidentId);
    }

    private Map<String, String> held() {
        Map<String, String> held = new HashMap<>();
        new FootprintRecords(emulator.admin().dynamoDb(), emulator.configuration().tableName()).open("workload")
                .forEach(h -> held.put(h.resourceId(), h.holdIncident()));
        return held;
    }
}

package dev.tourniquet.it;

import static dev.tourniquet.it.EcsScene.incidentOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.signal.Workload;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * ECS and Fargate against moto: a mining finding scales its service to 0 and stops its task; a reverse shell stops
 * the task and revokes that task's role session only; the key's own service is found by the credential sweep; a
 * contained service scaled up again is scaled back; a release restores the desired count; plan mode changes nothing.
 * The owner's other tasks and services are never touched.
 */
class EcsIT {
    private static final String FINDING_RULE = "GuardDutyEcsFindingRule";

    @Test
    void miningFinding_onAServiceTask_scalesTheServiceToZeroStopsTheTaskAndKeepsEvidence() {
        EcsScene scene = EcsScene.fresh(Mode.ENFORCE);
        Miners miners = miners(scene);
        String owners = scene.service("web-api", "web-api", 3);
        String ownersTask = scene.serviceTask("web-api", "web-api");
        String standalone = scene.task("web-api");

        JsonNode incident = incidentOf(miningFound(scene, miners), FINDING_RULE);
        assertThat(incident.path("steps").findValuesAsText("step")).containsExactly("scale-service-to-zero",
                "stop-task", "collect-task-evidence", "cut-rules-starting-workload",
                "disable-schedules-starting-workload");
        // No rule or schedule starts the miner's family here: the trigger cuts find nothing to cut.
        assertThat(incident.path("steps").findValuesAsText("result")).containsExactly("applied", "applied", "applied",
                "skipped", "skipped");
        assertThat(scene.describeService(miners.service()).desiredCount()).isZero();
        assertThat(scene.describe(miners.task()).desiredStatus()).isEqualTo("STOPPED");
        assertThat(scene.describe(miners.task()).stoppedReason()).startsWith("Tourniquet incident ");
        assertThat(scene.describeService(owners).desiredCount()).as("the owner's service").isEqualTo(3);
        assertThat(scene.describe(ownersTask).desiredStatus()).isEqualTo("RUNNING");
        assertThat(scene.describe(standalone).desiredStatus()).isEqualTo("RUNNING");
        JsonNode stop = incident.path("steps").get(1).path("prior");
        assertThat(stop.path("runTaskCommand").asText()).contains("aws ecs run-task", "xmrig-svc");
        assertThat(stop.path("group").asText()).isEqualTo("service:xmrig-svc");
        assertThat(incident.path("steps").get(2).path("prior").path("taskDefinitionEvidence").asText())
                .contains("ecs-task-definition-" + Workload.lastName(miners.task()));
    }

    @Test
    void release_ofAMiningServiceIncident_restoresItsDesiredCount() {
        EcsScene scene = EcsScene.fresh(Mode.ENFORCE);
        Miners miners = miners(scene);
        JsonNode incident = incidentOf(miningFound(scene, miners), FINDING_RULE);

        List<String> released = scene.release(incident);

        assertThat(scene.describeService(miners.service()).desiredCount()).isEqualTo(20);
        assertThat(released).anyMatch(line -> line.contains("desired count of 20"));
    }

    @Test
    void reverseShell_stopsTheTaskAndRevokesThatTasksRoleSessionOnly() {
        EcsScene scene = EcsScene.fresh(Mode.ENFORCE);
        String owners = scene.service("web-api", "web-api", 3);
        String shell = scene.serviceTask("web-api", "web-api");
        String sibling = scene.serviceTask("web-api", "web-api");

        JsonNode incident = incidentOf(scene.deliver(scene.finding("guardduty-ecs-reverse-shell.json", shell,
                "service:web-api")), FINDING_RULE);

        assertThat(incident.path("steps").findValuesAsText("step")).containsExactly("stop-task",
                "collect-task-evidence", "revoke-task-role-session");
        assertThat(scene.describe(shell).desiredStatus()).isEqualTo("STOPPED");
        assertThat(scene.describe(sibling).desiredStatus()).isEqualTo("RUNNING");
        assertThat(scene.describeService(owners).desiredCount()).as("left to a person").isEqualTo(3);
        List<String> policies = scene.iam().listRolePolicies(r -> r.roleName(EcsScene.TASK_ROLE)).policyNames();
        assertThat(policies).singleElement();
        String document = java.net.URLDecoder.decode(scene.iam().getRolePolicy(r -> r.roleName(EcsScene.TASK_ROLE)
                .policyName(policies.get(0))).policyDocument(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(document).contains(":" + Workload.lastName(shell)).doesNotContain(Workload.lastName(sibling));
    }

    @Test
    void sweep_ofTheKeyThatCreatedAService_scalesItToZeroAndStopsItsTasksOnly() {
        EcsScene scene = EcsScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        String miners = scene.service("xmrig-svc", "xmrig-svc", 20);
        String minerOne = scene.serviceTask("xmrig-svc", "xmrig-svc");
        String minerTwo = scene.serviceTask("xmrig-svc", "xmrig-svc");
        String owners = scene.service("web-api", "web-api", 3);
        String ownersTask = scene.serviceTask("web-api", "web-api");
        scene.deliver(EcsScene.serviceCreated(miners, key));

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.contained(key));

        JsonNode incident = incidentOf(deliveries, "CredentialContainedWorkloadsRule");
        assertThat(incident.path("subject").asText()).isEqualTo(miners);
        assertThat(incident.path("steps").findValuesAsText("step")).containsExactly("scale-service-to-zero",
                "stop-service-tasks");
        assertThat(scene.describeService(miners).desiredCount()).isZero();
        assertThat(scene.describe(minerOne).desiredStatus()).isEqualTo("STOPPED");
        assertThat(scene.describe(minerTwo).desiredStatus()).isEqualTo("STOPPED");
        assertThat(scene.describeService(owners).desiredCount()).isEqualTo(3);
        assertThat(scene.describe(ownersTask).desiredStatus()).isEqualTo("RUNNING");
    }

    @Test
    void containedServiceScaledUpAgain_isScaledToZeroAgain_andItsAuthorContained() {
        EcsScene scene = EcsScene.fresh(Mode.ENFORCE);
        Miners miners = miners(scene);
        miningFound(scene, miners);
        scene.iam().createUser(r -> r.userName("ops-backdoor"));
        String key = scene.iam().createAccessKey(r -> r.userName("ops-backdoor")).accessKey().accessKeyId();
        scene.ecs().updateService(r -> r.cluster(EcsScene.CLUSTER).service(miners.service()).desiredCount(5));

        List<ObjectNode> deliveries = scene.deliver(EcsScene.serviceScaled(miners.service(), 5, "ops-backdoor", key));

        assertThat(scene.describeService(miners.service()).desiredCount()).as("scaled to 0 again").isZero();
        assertThat(incidentOf(deliveries, "ContainmentUndoneEcsRule").path("steps").findValuesAsText("step"))
                .first().isEqualTo("scale-service-to-zero");
        assertThat(scene.iam().listAccessKeys(r -> r.userName("ops-backdoor")).accessKeyMetadata().get(0).status())
                .as("the author contained").isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void planMode_changesNothing() {
        EcsScene scene = EcsScene.fresh(Mode.PLAN);
        Miners miners = miners(scene);

        JsonNode incident = incidentOf(miningFound(scene, miners), FINDING_RULE);

        // The trigger cuts find nothing to cut (no rule starts the family), planned or not.
        assertThat(incident.path("steps").findValuesAsText("result")).containsExactly("planned", "planned", "planned",
                "skipped", "skipped");
        assertThat(scene.describeService(miners.service()).desiredCount()).isEqualTo(20);
        assertThat(scene.describe(miners.task()).desiredStatus()).isEqualTo("RUNNING");
    }

    // The miners' service (desired count 20) and one of its tasks.
    private record Miners(String service, String task) {}

    private static Miners miners(EcsScene scene) {
        String service = scene.service("xmrig-svc", "xmrig-svc", 20);
        return new Miners(service, scene.serviceTask("xmrig-svc", "xmrig-svc"));
    }

    // GuardDuty's mining finding on the miners' task, of the service's group.
    private static List<ObjectNode> miningFound(EcsScene scene, Miners miners) {
        return scene.deliver(scene.finding("guardduty-ecs-cryptominer-executed.json", miners.task(),
                "service:xmrig-svc"));
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(EcsScene.PERFORMED).contains("ecs:StopTask", "ecs:UpdateService", "ecs:DescribeTaskDefinition",
                "ecs:ListTasks", "iam:PutRolePolicy");
        EcsScene.assertLeastPrivilege();
    }
}

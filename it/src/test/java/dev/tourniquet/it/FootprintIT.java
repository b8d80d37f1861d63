package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.flow.FootprintShapes;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.internal.Mode;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The footprint enforced from CloudTrail records alone (README "Spend guard", "Acting on it"), end to end on moto
 * server through the template's rules: for each rule (AllowedRegions, DeniedInstanceFamilies, MaxInstanceVcpus,
 * DeniedFunctionShape) a launch inside is untouched and one outside is contained with its caller (a key deactivated, a
 * role session revoked as that one session); an exempt caller and an AWS service acting for the owner are never
 * judged; plan mode changes nothing; a second delivery of the same record names the same incident. WireMock stands in
 * for what moto lacks (CloudTrail LookupEvents, code packages).
 */
class FootprintIT {
    static final String INTAKE = "RecordProvenanceFunction";
    static final String QUARANTINE = "QuarantineFunction";
    static final Set<String> PERFORMED = new TreeSet<>();
    static final String ROLE_SESSION = "arn:aws:sts::" + LocalAccount.ACCOUNT_ID + ":assumed-role/ci-deployer/gh-actions-4711";
    static WireMockServer wiremock;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void stopWireMock_andCheckLeastPrivilege() {
        wiremock.stop();
        assertThat(PERFORMED).containsAll(FootprintShapes.PERMISSIONS);
        assertThat(Emulator.leastPrivilege(INTAKE).notGranted(PERFORMED)).isEmpty();
        InstanceScene.assertLeastPrivilege();
    }

    /** An account whose deployment declares {@code footprint} (regions, families, vCPUs, function shape). */
    static Emulator emulator(Mode mode, List<String> exempt, String... footprint) {
        wiremock.resetAll();
        CloudTrailStub.noEvents(wiremock);
        Footprint declared = Footprint.parse(footprint[0], footprint[1], footprint[2], footprint[3]);
        return Emulator.fresh(mode, exempt, c -> c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl()))
                .toBuilder().footprint(declared).build(), List.of(MiningScene.codeFromWireMock(wiremock)));
    }

    static List<ObjectNode> deliver(Emulator emulator, ObjectNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(INTAKE).actions());
        InstanceScene.PERFORMED.addAll(emulator.recorder(InstanceScene.FUNCTION).actions());
        Emulator.assertOnlyFixedPolicyWrites(emulator.recorder());
        return deliveries;
    }

    // ------------------------------------------------------------------ instances (ap-southeast-1, g4dn.12xlarge)

    record Launched(InstanceScene scene, String instanceId, String key, List<ObjectNode> deliveries) {
        InstanceStateName state() {
            return scene.instance(InstanceScene.REGION, instanceId).state().name();
        }

        StatusType keyStatus() {
            return scene.iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata().stream()
                    .filter(k -> k.accessKeyId().equals(key)).findFirst().orElseThrow().status();
        }

        List<String> functions() {
            return deliveries.stream().map(d -> d.path("function").asText()).toList();
        }
    }

    /** deploy-bot launches a g4dn.12xlarge (48 vCPUs) in ap-southeast-1; its RunInstances record is delivered. */
    static Launched launch(Mode mode, List<String> exempt, String... footprint) {
        InstanceScene scene = InstanceScene.on(emulator(mode, exempt, footprint));
        String instance = scene.launch(InstanceScene.REGION, scene.network(), false);
        String key = scene.deployBotKey();
        return new Launched(scene, instance, key, deliver(scene.emulator(),
                InstanceScene.launched(instance, InstanceScene.REGION, key)));
    }

    static void assertContained(Launched launched, String rule) {
        assertThat(launched.functions()).contains(INTAKE, InstanceScene.FUNCTION, "ContainCredentialFunction");
        ObjectNode intake = launched.deliveries().get(0);
        assertThat(intake.at("/response/outsideFootprint").toString()).contains("Footprint:" + rule);
        JsonNode incident = launched.deliveries().stream()
                .filter(d -> d.path("rule").asText().equals("FootprintInstanceRule")).findFirst().orElseThrow()
                .at("/response/incidents/0");
        assertThat(incident.path("rationale").asText()).contains(rule);
        assertThat(launched.state()).isIn(InstanceStateName.STOPPED, InstanceStateName.STOPPING);
        assertThat(launched.keyStatus()).isEqualTo(StatusType.INACTIVE);
        assertThat(launched.scene().emulator().account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains(launched.instanceId(), rule));
    }

    static void assertUntouched(Launched launched) {
        assertThat(launched.functions()).containsExactly(INTAKE);
        assertThat(launched.deliveries().get(0).at("/response/outsideFootprint").isMissingNode()).isTrue();
        assertThat(launched.state()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(launched.keyStatus()).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void allowedRegions_launchInside_isUntouched() {
        assertUntouched(launch(Mode.ENFORCE, List.of(), "us-east-1,ap-southeast-1", "", "", ""));
    }

    @Test
    void allowedRegions_launchOutside_isStoppedWithItsKey() {
        assertContained(launch(Mode.ENFORCE, List.of(), "us-east-1,eu-west-1", "", "", ""), "AllowedRegions");
    }

    @Test
    void deniedInstanceFamilies_otherFamily_isUntouched() {
        assertUntouched(launch(Mode.ENFORCE, List.of(), "", "p*,trn*", "", ""));
    }

    @Test
    void deniedInstanceFamilies_accelerated_isStoppedWithItsKey() {
        assertContained(launch(Mode.ENFORCE, List.of(), "", "accelerated", "", ""), "DeniedInstanceFamilies");
    }

    @Test
    void maxInstanceVcpus_atTheLimit_isUntouched() {
        assertUntouched(launch(Mode.ENFORCE, List.of(), "", "", "48", ""));
    }

    @Test
    void maxInstanceVcpus_above_isStoppedWithItsKey() {
        assertContained(launch(Mode.ENFORCE, List.of(), "", "", "32", ""), "MaxInstanceVcpus");
        assertThat(PERFORMED).contains("ec2:DescribeInstanceTypes");
    }

    @Test
    void exemptCaller_isNeverJudged() {
        assertUntouched(launch(Mode.ENFORCE, List.of("arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/deploy-*"),
                "us-east-1", "accelerated", "", ""));
    }

    @Test
    void awsServiceActingForTheOwner_isNeverJudged_norContained() {
        InstanceScene scene = InstanceScene.on(emulator(Mode.ENFORCE, List.of(), "us-east-1", "accelerated", "", ""));
        String instance = scene.launch(InstanceScene.REGION, scene.network(), false);
        ObjectNode record = InstanceScene.launched(instance, InstanceScene.REGION, "ASIAAUTOSCALINGEXAMPLE");
        // Auto Scaling launching a group's instance with its service-linked role.
        ((ObjectNode) record.path("detail")).putObject("userIdentity").put("type", "AssumedRole")
                .put("arn", "arn:aws:sts::" + LocalAccount.ACCOUNT_ID
                        + ":assumed-role/AWSServiceRoleForAutoScaling/AutoScaling")
                .put("accessKeyId", "ASIAAUTOSCALINGEXAMPLE").put("invokedBy", "autoscaling.amazonaws.com");

        List<ObjectNode> deliveries = deliver(scene.emulator(), record);

        assertThat(deliveries).extracting(d -> d.path("function").asText()).containsExactly(INTAKE);
        assertThat(scene.instance(InstanceScene.REGION, instance).state().name()).isEqualTo(InstanceStateName.RUNNING);
    }

    @Test
    void launchThroughCloudFormationWithAPersonsIdentity_isJudged_resourceStopped_callerNotNamed() {
        InstanceScene scene = InstanceScene.on(emulator(Mode.ENFORCE, List.of(), "us-east-1", "accelerated", "", ""));
        String instance = scene.launch(InstanceScene.REGION, scene.network(), false);
        String key = scene.deployBotKey();
        ObjectNode record = InstanceScene.launched(instance, InstanceScene.REGION, key);
        // A stack deployed with the stolen key: CloudFormation calls RunInstances with the person's identity.
        ((ObjectNode) record.path("detail").path("userIdentity")).put("invokedBy", "cloudformation.amazonaws.com");

        List<ObjectNode> deliveries = deliver(scene.emulator(), record);

        assertThat(deliveries).extracting(d -> d.path("rule").asText()).contains("FootprintInstanceRule")
                .doesNotContain("CredentialCompromisedRule");
        assertThat(scene.instance(InstanceScene.REGION, instance).state().name()).isEqualTo(InstanceStateName.STOPPED);
    }

    @Test
    void planMode_announcesAndPlans_butChangesNothing() {
        Launched launched = launch(Mode.PLAN, List.of(), "us-east-1", "", "", "");

        assertThat(launched.functions()).contains(InstanceScene.FUNCTION);
        JsonNode incident = launched.deliveries().stream()
                .filter(d -> d.path("rule").asText().equals("FootprintInstanceRule")).findFirst().orElseThrow()
                .at("/response/incidents/0");
        assertThat(incident.path("steps").findValuesAsText("result")).contains("planned")
                .doesNotContain("applied");
        assertThat(launched.state()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(launched.keyStatus()).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void sameRecordTwice_namesTheSameIncident_andChangesNothingTwice() {
        Launched launched = launch(Mode.ENFORCE, List.of(), "us-east-1", "", "", "");
        ObjectNode again = InstanceScene.launched(launched.instanceId(), InstanceScene.REGION, launched.key());

        List<ObjectNode> second = deliver(launched.scene().emulator(), again);

        JsonNode first = launched.deliveries().stream().filter(d -> "FootprintInstanceRule".equals(d.path("rule").asText()))
                .findFirst().orElseThrow().at("/response/incidents/0");
        JsonNode repeated = second.stream().filter(d -> "FootprintInstanceRule".equals(d.path("rule").asText()))
                .findFirst().orElseThrow().at("/response/incidents/0");
        assertThat(repeated.path("incidentId").asText()).isEqualTo(first.path("incidentId").asText());
        assertThat(repeated.path("claim").asText()).isEqualTo("duplicate");
    }

    @Test
    void spotRequestOutside_itsInstanceIsContained_andTheRequestWithIt() {
        InstanceScene scene = InstanceScene.on(emulator(Mode.ENFORCE, List.of(), "", "", "32", ""));
        String request = scene.ec2(InstanceScene.REGION).requestSpotInstances(r -> r.instanceCount(1).type("persistent")
                .launchSpecification(l -> l.imageId("ami-12c6146b").instanceType("c5.24xlarge")
                        .subnetId(scene.network().subnetId()))).spotInstanceRequests().get(0).spotInstanceRequestId();
        String key = scene.deployBotKey();
        ObjectNode record = InstanceScene.spotRequested(request, InstanceScene.REGION, key);
        ((ObjectNode) record.at("/detail/requestParameters")).put("type", "persistent");
        ((ObjectNode) record.at("/detail/requestParameters/launchSpecification")).put("instanceType", "c5.24xlarge");
        ((ObjectNode) record.at("/detail/responseElements/spotInstanceRequestSet/items/0")).put("type", "persistent")
                .with("launchSpecification").put("instanceType", "c5.24xlarge");

        String instance = scene.ec2(InstanceScene.REGION).describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(
                request)).spotInstanceRequests().get(0).instanceId();

        List<ObjectNode> deliveries = deliver(scene.emulator(), record);

        assertThat(deliveries).extracting(d -> d.path("rule").asText()).contains("FootprintInstanceRule");
        assertThat(scene.instance(InstanceScene.REGION, instance).state().name())
                .isIn(InstanceStateName.STOPPED, InstanceStateName.STOPPING);
        // Cancelled (moto forgets a cancelled request: none open is left either way).
        assertThat(scene.ec2(InstanceScene.REGION).describeSpotInstanceRequests().spotInstanceRequests().stream()
                .filter(r -> r.spotInstanceRequestId().equals(request)).map(r -> r.stateAsString()))
                .allMatch("cancelled"::equals);
    }

    /**
     * deploy-bot's group of 2 from a g4dn.12xlarge template; the template's own record delivered first when
     * {@code templateRecorded}, then the group's. Returns the deliveries of the group's record.
     */
    static List<ObjectNode> groupFromTemplate(InstanceScene scene, String key, boolean templateRecorded) {
        List<String> members = RespawningShapesIT.group(scene, "render-farm", t -> t.launchTemplateName("render-farm"));
        assertThat(members).hasSize(2);
        String templateId = scene.ec2(InstanceScene.REGION).describeLaunchTemplates(r -> r.launchTemplateNames(
                "render-farm")).launchTemplates().get(0).launchTemplateId();
        if (templateRecorded) {
            ObjectNode template = RespawningShapesIT.record("cloudtrail-ec2-create-launch-template.json", key,
                    request -> ((ObjectNode) request.path("CreateLaunchTemplateRequest"))
                            .put("LaunchTemplateName", "render-farm"));
            ((ObjectNode) template.at("/detail/responseElements/CreateLaunchTemplateResponse/launchTemplate"))
                    .put("launchTemplateId", templateId).put("launchTemplateName", "render-farm");
            deliver(scene.emulator(), template);
        }
        return deliver(scene.emulator(), RespawningShapesIT.record("cloudtrail-autoscaling-create-auto-scaling-group.json",
                key, request -> {
                    request.put("autoScalingGroupName", "render-farm");
                    request.putObject("launchTemplate").put("launchTemplateId", templateId).put("version", "$Latest");
                }));
    }

    @Test
    void groupFromARecordedTemplateOfADeniedFamily_isScaledToZero_itsInstancesStopped() {
        InstanceScene scene = InstanceScene.on(emulator(Mode.ENFORCE, List.of(), "", "accelerated", "", ""));
        String key = scene.deployBotKey();

        List<ObjectNode> deliveries = groupFromTemplate(scene, key, true);

        assertThat(deliveries.get(0).at("/response/outsideFootprint").toString())
                .contains("Footprint:DeniedInstanceFamilies", "render-farm");
        var group = RespawningShapesIT.describe(scene, "render-farm");
        assertThat(List.of(group.minSize(), group.maxSize(), group.desiredCapacity())).containsOnly(0);
        group.instances().forEach(i -> assertThat(scene.instance(InstanceScene.REGION, i.instanceId()).state().name())
                .isIn(InstanceStateName.STOPPED, InstanceStateName.STOPPING));
    }

    @Test
    void groupFromAnUnrecordedTemplate_isJudgedByRegionAlone() {
        InstanceScene scene = InstanceScene.on(emulator(Mode.ENFORCE, List.of(), "", "accelerated", "", ""));

        List<ObjectNode> deliveries = groupFromTemplate(scene, scene.deployBotKey(), false);

        assertThat(deliveries).extracting(d -> d.path("function").asText()).containsExactly(INTAKE);
        assertThat(RespawningShapesIT.describe(scene, "render-farm").desiredCapacity()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ functions (us-west-2)

    static final String WEST = "us-west-2";

    /** A function of this memory and timeout in us-west-2, and the record of its creation by {@code caller}. */
    static ObjectNode created(Emulator emulator, String name, int memory, int timeout, ObjectNode caller) {
        IamClient iam = emulator.admin().iam();
        if (iam.listRoles().roles().stream().noneMatch(r -> r.roleName().equals("xmrig-exec"))) {
            iam.createRole(r -> r.roleName("xmrig-exec").assumeRolePolicyDocument(MiningScene.LAMBDA_TRUST));
        }
        String arn = lambda(emulator).createFunction(r -> r.functionName(name).runtime("python3.12")
                .role("arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":role/xmrig-exec").handler("main.handler")
                .code(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip"))).timeout(timeout).memorySize(memory))
                .functionArn();
        // Its code package, which the quarantine keeps as evidence (moto's Code.Location is rewritten to WireMock).
        wiremock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/code/" + name)).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/zip").withBody("not a zip")));
        ObjectNode event = Emulator.sample("cloudtrail-lambda-create-function.json");
        event.put("id", UUID.randomUUID().toString()).put("region", WEST);
        ObjectNode record = (ObjectNode) event.path("detail");
        record.put("eventID", UUID.randomUUID().toString()).put("awsRegion", WEST).set("userIdentity", caller);
        for (String part : List.of("requestParameters", "responseElements")) {
            ((ObjectNode) record.path(part)).put("functionName", name).put("memorySize", memory).put("timeout", timeout);
        }
        ((ObjectNode) record.path("responseElements")).put("functionArn", arn);
        return event;
    }

    static LambdaClient lambda(Emulator emulator) {
        return emulator.admin().client("lambda", WEST, LambdaClient::builder);
    }

    static Integer concurrency(Emulator emulator, String name) {
        return lambda(emulator).getFunctionConcurrency(r -> r.functionName(name)).reservedConcurrentExecutions();
    }

    /** deploy-bot's identity in a CloudTrail record, signing with a fresh key of its own. */
    static ObjectNode deployBot(Emulator emulator) {
        IamClient iam = emulator.admin().iam();
        if (iam.listUsers().users().stream().noneMatch(u -> u.userName().equals("deploy-bot"))) {
            iam.createUser(r -> r.userName("deploy-bot"));
        }
        String key = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
        ObjectNode identity = (ObjectNode) Emulator.sample("cloudtrail-lambda-create-function.json")
                .at("/detail/userIdentity").deepCopy();
        return identity.put("accessKeyId", key);
    }

    static StatusType keyStatus(Emulator emulator, ObjectNode caller) {
        return emulator.admin().iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(caller.path("accessKeyId").asText())).findFirst().orElseThrow()
                .status();
    }

    @Test
    void deniedFunctionShape_belowTheShape_isUntouched() {
        Emulator emulator = emulator(Mode.ENFORCE, List.of(), "", "", "", "miner");
        ObjectNode caller = deployBot(emulator);

        List<ObjectNode> deliveries = deliver(emulator, created(emulator, "thumbnails", 3008, 900, caller));

        assertThat(deliveries).extracting(d -> d.path("function").asText()).containsExactly(INTAKE);
        assertThat(concurrency(emulator, "thumbnails")).isNull();
        assertThat(keyStatus(emulator, caller)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void deniedFunctionShape_minersShape_isQuarantinedWithItsKey() {
        Emulator emulator = emulator(Mode.ENFORCE, List.of(), "", "", "", "miner");
        ObjectNode caller = deployBot(emulator);

        List<ObjectNode> deliveries = deliver(emulator, created(emulator, "image-resize-7", 10240, 900, caller));

        JsonNode incident = deliveries.stream().filter(d -> "FootprintFunctionRule".equals(d.path("rule").asText()))
                .findFirst().orElseThrow().at("/response/incidents/0");
        assertThat(incident.path("steps").get(0).path("step").asText()).isEqualTo("set-reserved-concurrency-zero");
        assertThat(incident.path("rationale").asText()).contains("DeniedFunctionShape", "10240 MB");
        assertThat(concurrency(emulator, "image-resize-7")).isZero();
        assertThat(keyStatus(emulator, caller)).isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void allowedRegions_functionOutside_byARoleSession_revokesThatOneSession() {
        Emulator emulator = emulator(Mode.ENFORCE, List.of(), "us-east-1", "", "", "");
        emulator.admin().iam().createRole(r -> r.roleName("ci-deployer").assumeRolePolicyDocument(MiningScene.LAMBDA_TRUST));
        ObjectNode session = (ObjectNode) Emulator.sample("cloudtrail-lambda-create-function-miner.json")
                .at("/detail/userIdentity").deepCopy();

        deliver(emulator, created(emulator, "image-resize-7", 512, 30, session));

        assertThat(concurrency(emulator, "image-resize-7")).isZero();
        assertThat(emulator.admin().iam().listRolePolicies(r -> r.roleName("ci-deployer")).policyNames())
                .containsExactly("TourniquetRevokeSession-gh-actions-4711");
    }

    @Test
    void updateThatChangedOnlyTheTimeout_isJudgedByTheFunctionsConfiguration() {
        Emulator emulator = emulator(Mode.ENFORCE, List.of(), "", "", "", "miner");
        ObjectNode caller = deployBot(emulator);
        created(emulator, "image-resize-7", 10240, 900, caller);
        ObjectNode update = Emulator.sample("cloudtrail-lambda-update-function-configuration.json");
        update.put("id", UUID.randomUUID().toString()).put("region", WEST);
        ObjectNode record = (ObjectNode) update.path("detail");
        record.put("eventID", UUID.randomUUID().toString()).put("awsRegion", WEST).set("userIdentity", caller);
        record.putNull("responseElements");
        record.putObject("requestParameters").put("functionName", "image-resize-7").put("timeout", 900);

        List<ObjectNode> deliveries = deliver(emulator, update);

        assertThat(PERFORMED).contains("lambda:GetFunctionConfiguration");
        assertThat(deliveries).extracting(d -> d.path("rule").asText()).contains("FootprintFunctionRule");
        assertThat(concurrency(emulator, "image-resize-7")).isZero();
    }
}

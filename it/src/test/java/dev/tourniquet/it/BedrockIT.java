package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.step.Reversibility;
import dev.tourniquet.step.iam.IamStepKinds;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.LoggingConfig;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Bedrock and LLMjacking end to end on moto server, through the rules of template.yaml: an AI Protection finding
 * (severity Low) contains the key that invoked and the Bedrock API key it minted (IAM service-specific credentials
 * through {@link IamStandIn}: moto has none); model-invocation logging deleted or weakened is put back from the
 * baseline (moto's Bedrock serves the logging configuration), its author contained, and release undoes it.
 */
class BedrockIT {
    private static final String TAMPERING = "UndoTamperingFunction";
    private static final String CREDENTIAL = "ContainCredentialFunction";
    private static final Set<String> TAMPERING_PERFORMED = new TreeSet<>();
    private static final Set<String> CREDENTIAL_PERFORMED = new TreeSet<>();
    private static final String BUCKET = "llm-logs-" + TamperScene.ACCOUNT;
    private static WireMockServer wiremock;

    @BeforeAll
    static void startStandIn() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        wiremock.stop();
        assertThat(TAMPERING_PERFORMED).contains("bedrock:GetModelInvocationLoggingConfiguration",
                "bedrock:PutModelInvocationLoggingConfiguration", "events:PutEvents");
        assertThat(Emulator.leastPrivilege(TAMPERING).notGranted(TAMPERING_PERFORMED)).isEmpty();
        assertThat(CREDENTIAL_PERFORMED).contains("iam:UpdateAccessKey", "iam:UpdateServiceSpecificCredential");
        assertThat(Emulator.leastPrivilege(CREDENTIAL).notGranted(CREDENTIAL_PERFORMED)).isEmpty();
    }

    // --- the key that invoked, and the Bedrock API key it minted ---

    @Test
    void costHarvestingFinding_containsTheKey_andTheBedrockApiKeyItMinted_namingTheModel() {
        Emulator emulator = Emulator.fresh(Mode.ENFORCE, List.of(), c -> {
            IamStandIn.in(wiremock, c.endpoint().orElseThrow(), IamPersistenceScene.OWNER, "bedrock.amazonaws.com");
            return Emulator.withoutExposureHold(c.withServiceEndpoint("iam", URI.create(wiremock.baseUrl())));
        }, List.of());
        IamPersistenceScene scene = IamPersistenceScene.on(emulator);
        // The leaked key mints a Bedrock API key on one of the owner's users (release-bot).
        ObjectNode minted = scene.signed(Emulator.sample("cloudtrail-iam-create-service-specific-credential-bedrock.json"));
        ObjectNode detail = (ObjectNode) minted.path("detail");
        ((ObjectNode) detail.path("requestParameters")).put("userName", IamPersistenceScene.OWNER);
        ((ObjectNode) detail.at("/responseElements/serviceSpecificCredential"))
                .put("serviceSpecificCredentialId", IamStandIn.CREDENTIAL).put("userName", IamPersistenceScene.OWNER);
        emulator.deliverAll(List.of(minted), CREDENTIAL, CREDENTIAL_PERFORMED);

        ObjectNode finding = Emulator.sample("guardduty-accesskey-cost-harvesting.json");
        ((ObjectNode) finding.at("/detail/resource/accessKeyDetails")).put("accessKeyId", scene.leakedKey);
        List<ObjectNode> deliveries = emulator.deliverAll(List.of(finding), CREDENTIAL, CREDENTIAL_PERFORMED);

        assertThat(scene.status(IamPersistenceScene.LEAKED_USER, scene.leakedKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(IamStandIn.inactive(wiremock)).isTrue();
        JsonNode step = IamPersistenceScene.incidents(deliveries).stream()
                .flatMap(i -> StreamSupport.stream(i.path("steps").spliterator(), false))
                .filter(s -> "deactivate-service-credential".equals(s.path("step").asText())).findFirst().orElseThrow();
        assertThat(step.path("result").asText()).isEqualTo("applied");
        assertThat(step.path("prior").path("serviceName").asText()).isEqualTo("bedrock.amazonaws.com");
        assertThat(step.path("prior").path("status").asText()).isEqualTo("Active");
        assertThat(emulator.account().takeAlerts())
                .anySatisfy(alert -> assertThat(alert).contains("anthropic.claude-3-opus-20240229-v1:0"));

        // ./tourniquet release runs this reversal with the recorded prior state (its endpoint is moto's alone).
        ((Reversibility.Reversible) IamStepKinds.DEACTIVATE_SERVICE_CREDENTIAL.reversibility()).reversal()
                .release(step.path("prior"), IamStandIn.CREDENTIAL, new AwsClients(emulator.configuration()
                        .withServiceEndpoint("iam", URI.create(wiremock.baseUrl()))));
        assertThat(IamStandIn.inactive(wiremock)).isFalse();
    }

    @Test
    void promptInjectionFinding_isAlertedOnly_theAppsKeyKeepsWorking() {
        Emulator emulator = Emulator.freshWithoutExposureHold(Mode.ENFORCE, List.of());
        IamPersistenceScene scene = IamPersistenceScene.on(emulator);
        ObjectNode finding = Emulator.sample("guardduty-accesskey-prompt-injection-direct.json");
        ((ObjectNode) finding.at("/detail/resource/accessKeyDetails")).put("accessKeyId", scene.leakedKey);

        emulator.deliverAll(List.of(finding), CREDENTIAL, CREDENTIAL_PERFORMED);

        assertThat(scene.status(IamPersistenceScene.LEAKED_USER, scene.leakedKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains("guardrail/abcd1234efgh").contains("not contained"));
    }

    // --- model-invocation logging ---

    private static TamperScene loggingScene() {
        TamperScene scene = TamperScene.fresh(wiremock, List.of());
        scene.emulator.admin().s3(TamperScene.REGION).createBucket(r -> r.bucket(BUCKET));
        bedrock(scene).putModelInvocationLoggingConfiguration(r -> r.loggingConfig(owners()));
        JsonNode baseline = scene.baseline();
        assertThat(baseline.path("failed")).as("baseline %s", baseline).isEmpty();
        TAMPERING_PERFORMED.addAll(scene.emulator.recorder(TAMPERING).actions());
        return scene;
    }

    private static LoggingConfig owners() {
        return LoggingConfig.builder().s3Config(s -> s.bucketName(BUCKET).keyPrefix("bedrock/"))
                .textDataDeliveryEnabled(true).imageDataDeliveryEnabled(true).embeddingDataDeliveryEnabled(true).build();
    }

    private static BedrockClient bedrock(TamperScene scene) {
        return scene.emulator.admin().client("bedrock", TamperScene.REGION, BedrockClient::builder);
    }

    private static LoggingConfig logging(TamperScene scene) {
        return bedrock(scene).getModelInvocationLoggingConfiguration(r -> { }).loggingConfig();
    }

    private static JsonNode tamperingIncident(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> TAMPERING.equals(d.path("function").asText())).findFirst().orElseThrow()
                .path("response").path("incidents").get(0);
    }

    private static List<ObjectNode> deliver(TamperScene scene, ObjectNode event) {
        List<ObjectNode> deliveries = scene.emulator.deliver(event);
        TAMPERING_PERFORMED.addAll(scene.emulator.recorder(TAMPERING).actions());
        return deliveries;
    }

    @Test
    void loggingDeleted_isPutBackFromTheBaseline_theKeyContained_andReleaseDeletesItAgain() {
        TamperScene scene = loggingScene();
        bedrock(scene).deleteModelInvocationLoggingConfiguration(r -> { });

        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker(
                "cloudtrail-bedrock-delete-model-invocation-logging-configuration.json"));

        assertThat(logging(scene).s3Config().bucketName()).isEqualTo(BUCKET);
        assertThat(logging(scene).textDataDeliveryEnabled()).isTrue();
        JsonNode incident = tamperingIncident(deliveries);
        assertThat(incident.path("steps").findValuesAsText("step"))
                .containsExactly("restore-model-invocation-logging", "emit-credential-compromised");
        assertThat(incident.path("steps").get(0).path("result").asText()).isEqualTo("applied");
        assertThat(scene.attackerKeyInactive()).isTrue();

        // Released: the configuration the tampering left (none) is put back, as the owner asked.
        Releases.release(scene.emulator, incident.path("incidentId").asText());
        assertThat(logging(scene) == null || logging(scene).s3Config() == null).isTrue();
    }

    @Test
    void loggingWeakened_thePromptsDeliveredAgain_twiceChangesNothingTwice() {
        TamperScene scene = loggingScene();
        bedrock(scene).putModelInvocationLoggingConfiguration(r -> r.loggingConfig(owners().toBuilder()
                .textDataDeliveryEnabled(false).imageDataDeliveryEnabled(false).embeddingDataDeliveryEnabled(false)
                .build()));
        ObjectNode event = scene.byAttacker(
                "cloudtrail-bedrock-put-model-invocation-logging-configuration-weakened.json");

        List<ObjectNode> first = deliver(scene, event);
        List<ObjectNode> again = deliver(scene, event.deepCopy());

        assertThat(logging(scene).textDataDeliveryEnabled()).isTrue();
        assertThat(tamperingIncident(first).path("steps").get(0).path("prior").at("/loggingConfig/textDataDeliveryEnabled")
                .asBoolean()).isFalse();
        assertThat(again.stream().filter(d -> TAMPERING.equals(d.path("function").asText()))
                .flatMap(d -> StreamSupport.stream(d.path("response").path("incidents").spliterator(), false))
                .flatMap(i -> StreamSupport.stream(i.path("steps").spliterator(), false))
                .map(s -> s.path("result").asText())).doesNotContain("applied");
    }

    @Test
    void loggingDeletedByRoot_isPutBack_butRootIsNeverLockedOut() {
        TamperScene scene = loggingScene();
        bedrock(scene).deleteModelInvocationLoggingConfiguration(r -> { });
        ObjectNode root = dev.tourniquet.internal.Json.object().put("type", "Root")
                .put("arn", "arn:aws:iam::" + TamperScene.ACCOUNT + ":root").put("accountId", TamperScene.ACCOUNT)
                .put("accessKeyId", "ASIAROOTSESSION00001");

        List<ObjectNode> deliveries = deliver(scene, scene.by(
                "cloudtrail-bedrock-delete-model-invocation-logging-configuration.json", root));

        assertThat(logging(scene).s3Config().bucketName()).isEqualTo(BUCKET);
        assertThat(tamperingIncident(deliveries).path("steps").findValuesAsText("step"))
                .containsExactly("restore-model-invocation-logging");
        assertThat(scene.attackerKeyInactive()).isFalse();
    }

    // --- invocations outside the footprint ---

    @Test
    void costAnomalyOnBedrock_outsideTheFootprint_containsTheKeyThatInvokedThere_andReadsNoAllowedRegion() {
        CloudTrailHistory history = CloudTrailHistory.start(URI.create("http://127.0.0.1:1"));
        try {
            Emulator emulator = Emulator.fresh(Mode.ENFORCE, List.of(), c -> SpendBrakesIT.withFootprint(
                    c.withServiceEndpoint("cloudtrail", history.endpoint()), "us-east-1"), List.of());
            history.forwardTo(emulator.configuration().endpoint().orElseThrow());
            var iam = emulator.admin().iam();
            iam.createUser(r -> r.userName("deploy-bot"));
            String key = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
            java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            // Only the history knows: no rule routes invocations.
            ObjectNode invoked = Emulator.sample("cloudtrail-bedrock-invoke-model.json");
            ((ObjectNode) invoked.path("detail")).put("eventTime", now.minusSeconds(600).toString())
                    .put("eventID", java.util.UUID.randomUUID().toString());
            ((ObjectNode) invoked.at("/detail/userIdentity")).put("accessKeyId", key);
            history.add(invoked);
            ObjectNode anomaly = SpendBrakesIT.anomaly(now);
            var causes = (com.fasterxml.jackson.databind.node.ArrayNode) anomaly.path("detail").path("rootCauses");
            ((ObjectNode) causes.get(0)).put("service", "Amazon Bedrock").put("region", "eu-north-1")
                    .put("usageType", "EUN1-Claude3Opus-input-tokens");
            causes.add(((ObjectNode) causes.get(0).deepCopy()).put("region", "us-east-1").put("usageType", "USE1-Claude3Opus-input-tokens"));

            List<ObjectNode> deliveries = emulator.deliver(anomaly);

            JsonNode checked = deliveries.stream().filter(d -> "CostAnomaly".equals(d.path("rule").asText()))
                    .findFirst().orElseThrow().path("response");
            assertThat(checked.path("status").asText()).as("%s", checked).isEqualTo("outside_footprint");
            assertThat(checked.path("breaches").toString()).contains("eu-north-1", "AllowedRegions");
            assertThat(history.lookups()).contains("eu-north-1 EventName=InvokeModel")
                    .noneMatch(l -> l.startsWith("us-east-1 EventName=InvokeModel"));
            assertThat(iam.listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata())
                    .singleElement().satisfies(k -> assertThat(k.status()).isEqualTo(StatusType.INACTIVE));
        } finally {
            history.close();
        }
    }
}

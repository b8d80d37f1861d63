package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.release.ConfirmCommand;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The exposure window and the creator's bound end to end on moto server: a CI key implicated only through the
 * miner it created keeps its hundred ordinary functions running; an exposed key's function made before its window
 * is listed and untouched; what a creator's sweep holds beyond its count is confirmed or released by the commands.
 */
class ExposureWindowIT extends QuarantineFunctionScenario {
    // Inside the window the miner's finding opens (its eventFirstSeen 03:13:10 less an hour).
    static final Instant DEPLOYED_TODAY = Instant.parse("2026-11-20T03:00:00Z");
    static final Instant DEPLOYED_LAST_YEAR = Instant.parse("2025-06-01T09:00:00Z");
    private static final String CI_ROLE = "ci-exec";

    private void scene(int creatorLimit) {
        wiremock.resetAll();
        CloudTrailStub.noEvents(wiremock);
        emulator = Emulator.fresh(Mode.ENFORCE, List.of(), c -> c.withServiceEndpoint("cloudtrail",
                URI.create(wiremock.baseUrl())).toBuilder().creatorSweepLimit(creatorLimit).build(),
                List.of(MiningScene.codeFromWireMock(wiremock)));
        scene = new MiningScene(emulator, wiremock);
    }

    @Test
    void ciKey_withAHundredFunctionsAndOneFlagged_keepsTheHundredRunning() {
        scene(10);
        List<Deployed> legitimate = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            legitimate.add(ordinary(MiningScene.WEST, "service-" + i, DEPLOYED_TODAY));
        }
        scene.sqsTrigger(legitimate.get(0));
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        emulator.account().takeAlerts();

        List<ObjectNode> deliveries = deliver(MiningScene.finding(miner));

        assertThat(scene.concurrency(miner)).isZero();
        assertThat(scene.tags(miner)).containsKey("tourniquet:incident");
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        for (Deployed service : legitimate) {
            assertThat(scene.concurrency(service)).as(service.name()).isNull();
        }
        assertThat(scene.mappingStates(legitimate.get(0))).containsOnly("Enabled");
        assertThat(scene.tags(legitimate.get(0))).doesNotContainKey("tourniquet:incident");
        JsonNode sweep = sweepResponse(deliveries);
        assertThat(sweep.path("notOfFlaggedShape")).hasSize(100);
        assertThat(sweep.path("held")).isEmpty();
        assertThat(emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains("Not of the flagged resource's shape, not touched", legitimate.get(42).arn()));
    }

    @Test
    void exposedKey_functionMadeBeforeItsWindow_isListedAndUntouched() {
        scene(10);
        Deployed old = ordinary(MiningScene.WEST, "nightly-report", DEPLOYED_LAST_YEAR);
        Deployed recent = scene.attacker(MiningScene.WEST, "xmrig-worker-2", "xmrig-exec");
        emulator.account().takeAlerts();
        ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) exposed.at("/detail/affectedEntities/0")).put("entityValue", scene.attackerKey);

        List<ObjectNode> deliveries = deliver(exposed);

        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(scene.concurrency(recent)).isZero();
        assertThat(scene.concurrency(old)).isNull();
        assertThat(scene.tags(old)).doesNotContainKey("tourniquet:incident");
        assertThat(sweepResponse(deliveries).path("beforeWindow")).singleElement()
                .satisfies(id -> assertThat(id.asText()).isEqualTo(old.arn()));
        assertThat(emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains("Created before the exposure window, not touched", old.arn()));
    }

    @Test
    void creatorSweep_beyondItsCount_holdsTheRestUntilConfirmedOrReleased() {
        scene(2);
        Deployed flagged = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        List<Deployed> copies = new ArrayList<>();
        for (String name : List.of("xmrig-worker-2", "xmrig-worker-3", "xmrig-worker-4")) {
            copies.add(scene.attacker(MiningScene.WEST, name, "xmrig-exec"));
        }
        copies.forEach(scene::sqsTrigger);

        List<ObjectNode> deliveries = deliver(MiningScene.finding(flagged));

        assertThat(scene.concurrency(flagged)).isZero();
        List<String> held = new ArrayList<>();
        sweepResponse(deliveries).path("held").forEach(h -> held.add(h.asText()));
        assertThat(held).hasSize(2);
        List<Deployed> heldFunctions = copies.stream().filter(c -> held.contains(c.arn())).toList();
        Deployed contained = copies.stream().filter(c -> !held.contains(c.arn())).findFirst().orElseThrow();
        assertThat(scene.mappingStates(contained)).containsOnly("Disabled");
        for (Deployed f : heldFunctions) {
            assertThat(scene.concurrency(f)).as(f.name() + " held: its one stopping call").isZero();
            assertThat(scene.mappingStates(f)).as(f.name() + " held: nothing else").containsOnly("Enabled");
            assertThat(scene.tags(f)).doesNotContainKey("tourniquet:incident");
        }
        JsonNode confirmHold = incidentOf(deliveries, heldFunctions.get(0));
        JsonNode releaseHold = incidentOf(deliveries, heldFunctions.get(1));
        assertThat(confirmHold.path("steps").findValuesAsText("step")).containsExactly("set-reserved-concurrency-zero");

        Command confirmed = confirm(confirmHold.path("incidentId").asText());
        int released = Releases.releaseUntilDone(emulator, releaseHold.path("incidentId").asText(), 3);

        assertThat(confirmed.exit()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("Contained in full as incident");
        assertThat(scene.concurrency(heldFunctions.get(0))).isZero();
        assertThat(scene.mappingStates(heldFunctions.get(0))).containsOnly("Disabled");
        assertThat(scene.tags(heldFunctions.get(0))).containsKey("tourniquet:incident");
        assertThat(released).isZero();
        assertThat(scene.concurrency(heldFunctions.get(1))).isNull();
        assertThat(scene.mappingStates(heldFunctions.get(1))).containsOnly("Enabled");
        assertThat(confirm(confirmHold.path("incidentId").asText()).out()).as("confirmed twice, contained once")
                .contains("Contained in full");
        assertThat(confirm("inc-no-such-hold").exit()).isEqualTo(2);
    }

    private Deployed ordinary(String region, String name, Instant deployed) {
        return ordinary(emulator, scene, region, name, deployed);
    }

    /**
     * A function of the CI key (deploy-bot's), of another shape than a miner, created directly in moto and its
     * provenance written to the store (a hundred CloudTrail deliveries would only slow the test).
     */
    static Deployed ordinary(Emulator emulator, MiningScene scene, String region, String name, Instant deployed) {
        if (emulator.admin().iam().listRoles().roles().stream().noneMatch(r -> CI_ROLE.equals(r.roleName()))) {
            emulator.admin().iam().createRole(r -> r.roleName(CI_ROLE).assumeRolePolicyDocument(MiningScene.LAMBDA_TRUST));
        }
        LambdaClient lambda = scene.lambda(region);
        String role = "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":role/" + CI_ROLE;
        String arn = lambda.createFunction(r -> r.functionName(name).runtime("nodejs20.x").role(role)
                .handler("index.handler").code(c -> c.zipFile(SdkBytes.fromUtf8String(name))).timeout(30)
                .memorySize(256)).functionArn();
        new ProvenanceStore(emulator.admin().dynamoDb(), emulator.configuration().tableName()).record(new Provenance(
                "ct-" + name, "CreateFunction20150331", deployed, region, LocalAccount.ACCOUNT_ID, "function", arn,
                Optional.of(scene.attackerKey), "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/deploy-bot",
                "IAMUser"));
        return new Deployed(arn, name, region, role, "deploy-bot", scene.attackerKey, new byte[0]);
    }

    private static JsonNode sweepResponse(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> FUNCTION.equals(d.path("function").asText())
                && "Credential Contained".equals(d.path("detailType").asText())).map(d -> d.path("response"))
                .findFirst().orElseThrow(() -> new AssertionError("no sweep of the quarantine function"));
    }

    private record Command(int exit, String out, String err) {
    }

    private Command confirm(String incidentId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ConfirmCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), question -> Optional.empty())
                .run(new String[] {incidentId, "--endpoint", emulator.functionEndpoint().toString(),
                        "--region", Emulator.REGION, "--yes"});
        return new Command(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

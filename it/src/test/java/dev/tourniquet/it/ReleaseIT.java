package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.release.Confirmation;
import dev.tourniquet.cli.release.ReleaseCommand;
import dev.tourniquet.records.IncidentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * {@code ./tourniquet release} on moto server: an incident contained through the real handlers is
 * released from its recorded prior state, and the release is recorded.
 *
 * <p>Each kind of incident is a {@link Scene}: how to contain it, and what must hold once contained and
 * once released. {@link #scenes()} lists them; the quarantined function and the isolated instance join as
 * scenes of their own when their functions are in the template.
 */
class ReleaseIT {
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";

    private Emulator emulator;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** One kind of incident to release. */
    interface Scene {
        /** Builds the resources on a fresh emulator, contains them through the template's rules; the incident id. */
        String contain(Emulator emulator);

        void assertContained(Emulator emulator);

        void assertReleased(Emulator emulator);
    }

    static Stream<Scene> scenes() {
        return Stream.of(new ExposedAccessKey(), new StolenRoleSession());
    }

    /** An exposed key of a user with a second key: only that key and the user's quarantine policy are restored. */
    static final class ExposedAccessKey implements Scene {
        private String leaked;
        private String other;

        public String contain(Emulator emulator) {
            IamClient iam = emulator.admin().iam();
            iam.createUser(r -> r.userName("deploy-bot"));
            leaked = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
            other = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
            ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
            ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).put("entityValue", leaked);
            return incidentId(emulator.deliver(event));
        }

        public void assertContained(Emulator emulator) {
            assertThat(status(emulator, leaked)).isEqualTo(StatusType.INACTIVE);
            assertThat(policies(emulator)).containsExactly(Quarantine.POLICY_ARN);
        }

        public void assertReleased(Emulator emulator) {
            assertThat(status(emulator, leaked)).isEqualTo(StatusType.ACTIVE);
            assertThat(status(emulator, other)).isEqualTo(StatusType.ACTIVE);
            assertThat(policies(emulator)).isEmpty();
        }

        private static List<String> policies(Emulator emulator) {
            return Quarantine.policies(emulator.admin().iam(), "deploy-bot");
        }

        public String toString() {
            return "exposed access key";
        }
    }

    /** A role's stolen session: the session revocation is removed again. */
    static final class StolenRoleSession implements Scene {
        public String contain(Emulator emulator) {
            emulator.admin().iam().createRole(r -> r.roleName("web-instance-role").assumeRolePolicyDocument(TRUST));
            return incidentId(emulator.deliver(Emulator.sample("guardduty-accesskey-credential-exfiltration.json")));
        }

        public void assertContained(Emulator emulator) {
            assertThat(rolePolicies(emulator)).containsExactly("TourniquetRevokeSession-i-0a1b2c3d4e5f67890");
        }

        public void assertReleased(Emulator emulator) {
            assertThat(rolePolicies(emulator)).isEmpty();
        }

        private static List<String> rolePolicies(Emulator emulator) {
            return emulator.admin().iam().listRolePolicies(r -> r.roleName("web-instance-role")).policyNames();
        }

        public String toString() {
            return "stolen role session";
        }
    }

    private static String incidentId(List<ObjectNode> deliveries) {
        return deliveries.get(0).path("response").path("incidents").get(0).path("incidentId").asText();
    }

    private static StatusType status(Emulator emulator, String key) {
        return emulator.admin().iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).map(AccessKeyMetadata::status).findFirst().orElseThrow();
    }

    private int release(String incidentId, Confirmation confirmation, String... more) {
        List<String> args = new ArrayList<>(List.of(incidentId, "--endpoint",
                emulator.configuration().endpoint().orElseThrow().toString(), "--region", Emulator.REGION));
        args.addAll(List.of(more));
        return new ReleaseCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), confirmation).run(args.toArray(String[]::new));
    }

    private List<Map<String, AttributeValue>> releaseRecords(String incidentId) {
        return emulator.admin().dynamoDb().query(r -> r.tableName("tourniquet-incidents")
                .keyConditionExpression("pk = :pk AND begins_with(sk, :release)")
                .expressionAttributeValues(Map.of(":pk", IncidentStore.incidentKey(incidentId).get("pk"),
                        ":release", AttributeValue.fromS("RELEASE#")))).items();
    }

    private Map<String, AttributeValue> incident(String incidentId) {
        return emulator.admin().dynamoDb().getItem(r -> r.tableName("tourniquet-incidents")
                .key(IncidentStore.incidentKey(incidentId))).item();
    }

    private static final Confirmation NO_TERMINAL = question -> Optional.empty();

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenes")
    void release_eachKindOfIncident_restoresThePriorStateAndRecordsIt(Scene scene) {
        emulator = Emulator.fresh();
        String incidentId = scene.contain(emulator);
        scene.assertContained(emulator);

        int exit = release(incidentId, NO_TERMINAL, "--yes");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        scene.assertReleased(emulator);
        List<Map<String, AttributeValue>> records = releaseRecords(incidentId);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.get("complete").bool()).isTrue();
            assertThat(record.get("restored").s()).contains("\"result\":\"restored\"");
        });
        assertThat(incident(incidentId).get("releasedAt").s()).isEqualTo(records.get(0).get("releasedAt").s());
        assertThat(incident(incidentId).get("status").s()).isEqualTo("COMPLETED");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Release restores, newest change first:",
                "Evidence is kept.", "Recorded as RELEASE#");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenes")
    void release_twice_secondRestoresNothingAndSaysSo(Scene scene) {
        emulator = Emulator.fresh();
        String incidentId = scene.contain(emulator);
        release(incidentId, NO_TERMINAL, "--yes");
        out.reset();

        int again = release(incidentId, NO_TERMINAL, "--yes");

        assertThat(again).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("was released at").contains("nothing to do");
        scene.assertReleased(emulator);
        assertThat(releaseRecords(incidentId)).hasSize(1);
    }

    @Test
    void release_exposedKey_restoresTheNewestChangeFirst_andKeepsTheChainEvent() {
        emulator = Emulator.fresh();
        String incidentId = new ExposedAccessKey().contain(emulator);

        release(incidentId, NO_TERMINAL, "--yes");

        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(shown.indexOf("keep     emit-credential-contained")).isPositive()
                .isLessThan(shown.indexOf("restore  attach-quarantine-policy"));
        assertThat(shown.indexOf("restore  attach-quarantine-policy"))
                .isLessThan(shown.indexOf("restore  deactivate-access-key"));
    }

    @Test
    void release_withoutTerminalOrYes_refusesAndChangesNothing() {
        emulator = Emulator.fresh();
        ExposedAccessKey scene = new ExposedAccessKey();
        String incidentId = scene.contain(emulator);

        int exit = release(incidentId, NO_TERMINAL);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no terminal to ask on").contains("--yes");
        scene.assertContained(emulator);
        assertThat(releaseRecords(incidentId)).isEmpty();
    }

    @Test
    void release_declined_changesNothing() {
        emulator = Emulator.fresh();
        ExposedAccessKey scene = new ExposedAccessKey();
        String incidentId = scene.contain(emulator);
        List<String> asked = new ArrayList<>();

        int exit = release(incidentId, question -> {
            asked.add(question);
            return Optional.of(false);
        });

        assertThat(exit).isEqualTo(1);
        assertThat(asked).containsExactly("Restore these 2 changes?");
        scene.assertContained(emulator);
        assertThat(releaseRecords(incidentId)).isEmpty();
    }

    @Test
    void release_confirmedAtTheTerminal_restores() {
        emulator = Emulator.fresh();
        ExposedAccessKey scene = new ExposedAccessKey();
        String incidentId = scene.contain(emulator);

        int exit = release(incidentId, question -> Optional.of(true));

        assertThat(exit).isZero();
        scene.assertReleased(emulator);
    }

    @Test
    void release_unknownIncident_namesItAndExitsTwo() {
        emulator = Emulator.fresh();

        int exit = release("inc-00000000000000000000", NO_TERMINAL, "--yes");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no incident inc-00000000000000000000 in table"
                + " tourniquet-incidents");
    }

    @Test
    void release_planModeIncident_hasNothingToRestore() {
        emulator = Emulator.fresh(dev.tourniquet.internal.Mode.PLAN, List.of());
        ExposedAccessKey scene = new ExposedAccessKey();
        String incidentId = scene.contain(emulator);

        int exit = release(incidentId, NO_TERMINAL, "--yes");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("changed nothing: nothing to restore");
        assertThat(releaseRecords(incidentId)).isEmpty();
    }

    @Test
    void release_quarantinePolicyRemovedByHandMeanwhile_stillCompletes() {
        emulator = Emulator.fresh();
        ExposedAccessKey scene = new ExposedAccessKey();
        String incidentId = scene.contain(emulator);
        emulator.admin().iam().detachUserPolicy(r -> r.userName("deploy-bot").policyArn(Quarantine.POLICY_ARN));

        int exit = release(incidentId, NO_TERMINAL, "--yes");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already");
        scene.assertReleased(emulator);
        JsonNode restored = readJson(releaseRecords(incidentId).get(0).get("restored").s());
        assertThat(restored.findValuesAsText("result")).containsExactly("by_hand", "nothing_left", "restored");
    }

    private static JsonNode readJson(String text) {
        try {
            return dev.tourniquet.internal.Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

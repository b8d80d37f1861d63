package dev.tourniquet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.cli.local.EventFiles;
import dev.tourniquet.cli.local.ProjectRoot;
import dev.tourniquet.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./tourniquet plan}: a JSON plan with no AWS access; exit 2 and a named problem on bad input. */
class PlanCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plan(String... args) {
        System.setProperty("tourniquet.root", ProjectRoot.locate().toString());
        String[] all = new String[args.length + 1];
        all[0] = "plan";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void plan_exposedKeySample_printsHandlerAndSteps() throws Exception {
        int status = plan(ProjectRoot.locate().resolve("events/health-risk-credentials-exposed.json").toString());

        assertThat(status).isZero();
        JsonNode plan = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(plan.path("handler").asText()).isEqualTo("contain-credential");
        assertThat(plan.path("steps").findValuesAsText("action"))
                .containsExactly("deactivate-access-key", "attach-quarantine-policy", "emit-credential-contained");
        assertThat(plan.path("steps").get(0).path("target").asText()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void plan_sweepContinued_saysTheSweepContinuesInItsOwnFunction() throws Exception {
        int status = plan(ProjectRoot.locate().resolve("events/tourniquet-sweep-continued-instances.json").toString());

        assertThat(status).isZero();
        JsonNode plan = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(plan.path("handler").asText()).isEqualTo("isolate-instance");
        assertThat(plan.path("decision").asText()).isEqualTo("sweep");
        assertThat(plan.path("continues").asText()).contains("continuation 1 of at most 20")
                .contains("'Sweep Continued' chain event to isolate-instance");
        assertThat(plan.path("steps").findValuesAsText("target")).containsExactly("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void plan_lambdaFinding_printsTheQuarantineConcurrencyFirst() throws Exception {
        int status = plan(ProjectRoot.locate().resolve("events/guardduty-lambda-bitcoin-tool.json").toString());

        assertThat(status).isZero();
        JsonNode plan = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(plan.path("handler").asText()).isEqualTo("quarantine-function");
        assertThat(plan.path("steps").get(0).path("action").asText()).isEqualTo("set-reserved-concurrency-zero");
        assertThat(plan.path("steps").findValuesAsText("target")).contains("role/xmrig-exec",
                "creator of xmrig-worker-1");
    }

    @Test
    void plan_instanceMiningSample_printsEvidenceFirstAndTheStop() throws Exception {
        int status = plan(ProjectRoot.locate().resolve("events/guardduty-ec2-bitcoin-tool.json").toString());

        assertThat(status).isZero();
        JsonNode plan = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(plan.path("handler").asText()).isEqualTo("isolate-instance");
        assertThat(plan.path("steps").findValuesAsText("action")).startsWith("collect-instance-evidence",
                "snapshot-volumes").contains("isolate-network", "stop-instance", "remove-instance-profile");
        assertThat(plan.path("rationale").asText()).contains("read from IAM");
    }

    @Test
    void plan_eventMatchingNoRule_saysSoWithNoSteps() throws Exception {
        int status = plan(ProjectRoot.locate().resolve("events/guardduty-s3-bucket-public.json").toString());

        assertThat(status).isZero();
        JsonNode plan = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(plan.path("handler").isNull()).isTrue();
        assertThat(plan.path("steps")).isEmpty();
    }

    @Test
    void plan_notJson_exits2NamingTheProblem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{not json");

        assertThat(plan(file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.json is not valid JSON");
    }

    @Test
    void plan_envelopeWithoutDetail_exits2() throws Exception {
        Path file = Files.createTempFile("event", ".json");
        Files.writeString(file, "{\"id\":\"1\",\"detail-type\":\"x\",\"source\":\"aws.health\",\"account\":\"1\","
                + "\"time\":\"2026-11-20T00:00:00Z\",\"region\":\"us-east-1\"}");

        assertThat(plan(file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no 'detail' object");
    }

    @Test
    void plan_healthEventWithABadKey_exits2() throws Exception {
        JsonNode event = EventFiles.read(ProjectRoot.locate().resolve("events/health-risk-credentials-exposed.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.at("/detail/affectedEntities/0")).put("entityValue", "x");
        Path file = Files.createTempFile("event", ".json");
        Files.writeString(file, Json.write(event));

        assertThat(plan(file.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not an access key id");
    }

    @Test
    void plan_missingFile_exits2() {
        assertThat(plan("/nonexistent/event.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such event file");
    }
}

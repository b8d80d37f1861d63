package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.cli.Main;
import dev.tourniquet.cli.local.MotoServer;
import dev.tourniquet.cli.simulate.SimulateCommand;
import dev.tourniquet.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tourniquet simulate} end to end on moto server, against the real handlers behind template.yaml's
 * rules: once in enforce mode with the emulator simulate starts itself, once in plan mode against an
 * emulator given with {@code --endpoint}.
 */
class SimulateIT {
    @TempDir
    static Path reports;
    private static Run enforce;
    private static Run plan;

    /** One run of the command: its exit status, output and report files. */
    record Run(int exit, String out, String err, Path dir) {
        JsonNode json() {
            try {
                return Json.MAPPER.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                        .readTree(dir.resolve("report.json").toFile());
            } catch (IOException e) {
                throw new AssertionError("report.json unreadable: " + e.getMessage(), e);
            }
        }

        String file(String name) {
            try {
                return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError(name + " unreadable: " + e.getMessage(), e);
            }
        }

        List<JsonNode> resources(String kind) {
            List<JsonNode> found = new ArrayList<>();
            json().path("attackerResources").forEach(r -> {
                if (r.path("kind").asText().equals(kind)) {
                    found.add(r);
                }
            });
            return found;
        }
    }

    @BeforeAll
    static void play() {
        enforce = simulate(reports.resolve("enforce"));
        // The attacker attaches AWS's managed AdministratorAccess: the emulator given must know it.
        try (MotoServer server = MotoServer.start(Emulator.root(), true)) {
            plan = simulate(reports.resolve("plan"), "--endpoint", server.endpoint().toString(), "--mode", "plan");
        }
    }

    /** Runs {@code simulate} with a report folder of its own (QuietTheftIT plays its scenario with it too). */
    static Run simulate(Path dir, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--report", dir.toString()));
        args.addAll(List.of(options));
        int exit = new SimulateCommand(Emulator.root(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), dir);
    }

    @Test
    void enforce_reportFilesExistAndAgreeWithEachOther() {
        JsonNode json = enforce.json();
        String md = enforce.file("report.md");
        String html = enforce.file("report.html");
        List<String> shared = List.of(json.at("/verdict/summary").asText(),
                "Incidents opened: " + json.path("incidents").asInt() + ".",
                json.at("/cost/without/totalText").asText(), json.at("/cost/with/totalText").asText(),
                json.at("/cost/savedText").asText() + " ("
                        + json.at("/cost/savedPercent").decimalValue().setScale(1).toPlainString() + " %)");

        assertThat(enforce.dir().resolve("handler-log.jsonl")).isNotEmptyFile();
        assertThat(json.path("incidents").asInt()).isEqualTo(json.path("incidentIds").size()).isPositive();
        assertThat(json.at("/cost/without/total").decimalValue())
                .isEqualByComparingTo(sum(json.at("/cost/without/lines")));
        assertThat(json.at("/cost/with/total").decimalValue()).isEqualByComparingTo(sum(json.at("/cost/with/lines")));
        for (String text : shared) {
            assertThat(md).contains(text);
            assertThat(html).contains(text);
        }
        assertThat(enforce.out()).contains(json.at("/verdict/summary").asText(),
                "total " + json.at("/cost/without/totalText").asText(), "total " + json.at("/cost/with/totalText").asText());
        assertThat(json.path("timeline").size()).isEqualTo(md.lines().filter(l -> l.startsWith("| T+")).count());
    }

    private static java.math.BigDecimal sum(JsonNode lines) {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (JsonNode line : lines) {
            total = total.add(line.path("usd").decimalValue());
        }
        return total;
    }

    @Test
    void enforce_fargateMinerBehindAService_scaledToZeroWithItsTasksStopped_andCosted() {
        assertThat(enforce.resources("Fargate service")).singleElement().satisfies(service -> {
            assertThat(service.path("contained").asBoolean()).as(service.path("state").asText()).isTrue();
            assertThat(service.path("state").asText()).startsWith("desired count 0, 0 of its tasks running");
        });
        assertThat(enforce.json().at("/cost/with/lines").findValuesAsText("arithmetic"))
                .anyMatch(line -> line.contains("Fargate, recorded 2026-12-03"));
    }

    @Test
    void enforce_htmlReportIsSelfContained() {
        String html = enforce.file("report.html");

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "</svg>", "<style>");
        assertThat(html).doesNotContain("<script", "<link", "@import", "url(", " src=", "@font-face");
    }

    @Test
    void enforce_containsTheLeakedKeyWithinTheSimulatedMinutes() {
        JsonNode key = enforce.resources("access key").get(0);

        assertThat(key.path("contained").asBoolean()).isTrue();
        assertThat(key.path("state").asText()).endsWith("inactive");
        // AWS Health arrives 67 s after the push; the key is inactive within the same simulated minute.
        assertThat(key.path("containedAtMillis").asLong()).isBetween(67_000L, 127_000L);
        List<String> timeline = enforce.json().path("timeline").findValuesAsText("text");
        assertThat(timeline)
                .anyMatch(t -> t.startsWith("3-minute loop cannot re-install the miners: key " + key.path("id").asText()
                        + " inactive"))
                // Once the leaked key is refused, the attacker goes on only with its backdoor user's key.
                // (a re-install refused because both keys are inactive is what the check wants)
                .noneMatch(t -> t.startsWith("lambda:UpdateFunctionCode") && !t.contains("signed with the backdoor")
                        && !t.contains(" refused: "));
    }

    @Test
    void enforce_backdoorUserAndRole_deniedAndTheirKeysInactive() {
        JsonNode user = enforce.resources("backdoor user").get(0);
        JsonNode role = enforce.resources("backdoor role").get(0);

        assertThat(user.path("contained").asBoolean()).as(user.path("state").asText()).isTrue();
        assertThat(user.path("state").asText()).contains("inactive", "deny-all").doesNotContain("password works");
        assertThat(role.path("contained").asBoolean()).as(role.path("state").asText()).isTrue();
        assertThat(role.path("state").asText()).contains("deny-all", "sessions revoked");
        assertThat(enforce.json().at("/verdict/identitiesDenied").asInt()).isEqualTo(2)
                .isEqualTo(enforce.json().at("/verdict/identitiesTotal").asInt());
        assertThat(enforce.out()).contains("beyond the key: 2 of 2 backdoor identities denied");
        // The attacker used its backdoor: after the user was denied, no call signed with its key succeeded.
        long denied = user.path("containedAtMillis").asLong();
        assertThat(enforce.json().path("timeline")).noneSatisfy(e -> {
            assertThat(e.path("atMillis").asLong()).isGreaterThan(denied);
            assertThat(e.path("actor").asText()).isEqualTo("attacker");
            assertThat(e.path("kind").asText()).isEqualTo("attack");
        });
        assertThat(enforce.resources("function")).filteredOn(f -> f.path("byBackdoor").asBoolean()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.path("contained").asBoolean()).as(f.path("label").asText()).isTrue());
    }

    @Test
    void enforce_instanceInARegionWithoutAStack_foundInItsEventHistoryAndContained() {
        JsonNode json = enforce.json();
        List<JsonNode> stackless = new ArrayList<>();
        json.path("attackerResources").forEach(r -> {
            if (r.path("stackless").asBoolean()) {
                stackless.add(r);
            }
        });

        assertThat(stackless).singleElement().satisfies(i -> {
            assertThat(i.path("region").asText()).isEqualTo("sa-east-1");
            assertThat(i.path("contained").asBoolean()).as(i.path("state").asText()).isTrue();
            assertThat(i.path("state").asText()).startsWith("stop");
        });
        assertThat(json.path("timeline").findValuesAsText("text"))
                .anyMatch(t -> t.startsWith("CloudTrail: RunInstances (sa-east-1)") && t.contains("is never delivered"))
                .noneMatch(t -> t.startsWith("GuardDuty") && t.contains("(sa-east-1)"));
        assertThat(json.at("/history/regions")).extracting(JsonNode::asText).contains("sa-east-1");
        assertThat(json.at("/verdict/stacklessContained").asInt()).isEqualTo(1)
                .isEqualTo(json.at("/verdict/stacklessTotal").asInt());
        assertThat(enforce.out()).contains("1 of 1 launches in regions without a Tourniquet stack contained");
    }

    @Test
    void enforce_llmjacking_theKeysContainmentStopsItsBedrockInvocations_andTheirTokensAreCosted() {
        JsonNode json = enforce.json();
        List<JsonNode> invocations = enforce.resources("Bedrock invocations");

        assertThat(invocations).singleElement().satisfies(i -> {
            assertThat(i.path("contained").asBoolean()).isTrue();
            assertThat(i.path("state").asText()).startsWith("the key is refused");
        });
        List<String> timeline = json.path("timeline").findValuesAsText("text");
        assertThat(timeline).anyMatch(t -> t.startsWith("bedrock:InvokeModel") && t.contains("CloudTrail history only"))
                .anyMatch(t -> t.startsWith("bedrock:InvokeModel") && t.contains("refused"))
                .anyMatch(t -> t.startsWith("GuardDuty: Impact:IAMUser/CostHarvesting"));
        assertThat(json.path("cost").toString()).contains("input tokens", "recorded " + "2026-12-03");
    }

    @Test
    void enforce_everyAttackerResourceContained_ownerUntouched_exit0() {
        JsonNode json = enforce.json();
        List<JsonNode> functions = enforce.resources("function");
        List<JsonNode> instances = enforce.resources("instance");

        // The miners it made before its key was dead (more, in more regions, the later the backdoor user is denied).
        assertThat(functions).extracting(f -> f.path("region").asText()).contains("us-east-1", "us-east-2");
        assertThat(functions).allSatisfy(f -> {
            assertThat(f.path("contained").asBoolean()).as(f.path("label").asText()).isTrue();
            assertThat(f.path("state").asText()).startsWith("reserved concurrency 0");
        });
        assertThat(instances).extracting(i -> i.path("region").asText())
                .containsExactlyInAnyOrder("us-west-2", "sa-east-1");
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.path("contained").asBoolean()).as(i.path("label").asText()).isTrue();
            assertThat(i.path("state").asText()).startsWith("stop");
        });
        assertThat(json.at("/verdict/ownerUntouched").asInt()).isEqualTo(json.at("/verdict/ownerTotal").asInt())
                .isEqualTo(8);
        assertThat(json.at("/verdict/passed").asBoolean()).isTrue();
        assertThat(enforce.exit()).isZero();
        assertThat(json.at("/cost/savedPercent").decimalValue()).isGreaterThan(java.math.BigDecimal.valueOf(90));
    }

    @Test
    void enforce_whatExistedAtTheKeysDetection_isStoppedWithin30Seconds() {
        JsonNode json = enforce.json();
        long detected = java.util.stream.StreamSupport.stream(json.path("attackerResources").spliterator(), false)
                .mapToLong(r -> r.path("clockStartsAtMillis").asLong(Long.MAX_VALUE)).min().orElseThrow();
        List<JsonNode> existing = java.util.stream.StreamSupport.stream(json.path("attackerResources").spliterator(), false)
                .filter(r -> r.path("clockStartsAtMillis").asLong() == detected)
                .toList();

        // The key, its backdoor identities, its functions, instances and Fargate service: held or contained at once,
        // not 3 minutes later when CloudTrail names their creator.
        assertThat(existing).hasSizeGreaterThanOrEqualTo(7)
                .anyMatch(r -> "Fargate service".equals(r.path("kind").asText()));
        assertThat(existing).allSatisfy(r -> assertThat(r.path("lagMillis").asLong(Long.MAX_VALUE))
                .as(r.path("label").asText()).isLessThanOrEqualTo(30_000));
        assertThat(json.at("/verdict/stoppedInTime").asInt()).isGreaterThanOrEqualTo(existing.size());
    }

    @Test
    void plan_containsNothing_exitsNonZero_andSaysWhatItWouldHaveDone() {
        JsonNode json = plan.json();

        assertThat(plan.exit()).isEqualTo(1);
        assertThat(json.path("mode").asText()).isEqualTo("plan");
        assertThat(json.at("/verdict/attackerContained").asInt()).isZero();
        assertThat(plan.resources("access key").get(0).path("state").asText()).startsWith("active");
        assertThat(json.path("wouldHaveDone")).anySatisfy(step -> {
            assertThat(step.path("step").asText()).isEqualTo("deactivate-access-key");
            assertThat(step.path("detail").asText()).startsWith("would deactivate");
        });
        assertThat(json.path("steps").findValuesAsText("result")).doesNotContain("applied");
        assertThat(plan.file("report.md")).contains("## What plan mode would have done", "would deactivate");
        assertThat(plan.file("report.html")).contains("What plan mode would have done", "would deactivate");
        assertThat(plan.out()).contains("PLAN MODE: Tourniquet changed nothing; it would have:");
        assertThat(json.at("/cost/savedText").asText()).isEqualTo("$0.00");
        // Nothing stops the attacker: its 3-minute loop keeps re-installing the miners.
        assertThat(json.path("timeline").findValuesAsText("text"))
                .anyMatch(t -> t.startsWith("3-minute loop re-installs the miners"));
    }

    @Test
    void nonLoopbackEndpoint_isRefusedBeforeAnyCall() {
        Path dir = reports.resolve("refused");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long started = System.nanoTime();

        int exit = Main.run(new String[] {"simulate", "--endpoint", "http://10.0.0.1:5000", "--report", dir.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        long millis = (System.nanoTime() - started) / 1_000_000;
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(message).contains("refusing --endpoint http://10.0.0.1:5000: 10.0.0.1 is not a loopback address")
                .doesNotContain("starting the AWS emulator", "provisioning");
        // A connection attempt to an unroutable address would wait for the 3 s connect timeout.
        assertThat(millis).isLessThan(1_500);
        assertThat(dir).doesNotExist();
    }
}

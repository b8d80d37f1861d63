package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.it.SimulateIT.Run;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tourniquet simulate --scenario quiet-theft} end to end on moto server: a key nobody reports, GuardDuty
 * off, miners and GPU instances in sa-east-1 and ap-south-1. Without a footprint nothing names them (nothing
 * contained, the cost says what they would have cost); with {@code --parameter-overrides AllowedRegions=us-east-1,
 * eu-west-1 DeniedInstanceFamilies=accelerated DeniedFunctionShape=miner} their CloudTrail records alone contain them.
 * The owner's resources, inside the footprint, are untouched in both.
 */
class QuietTheftIT {
    @TempDir
    static Path reports;
    private static Run without;
    private static Run with;

    /** The attacker's functions and instances. */
    private static List<JsonNode> spend(Run run) {
        List<JsonNode> found = new ArrayList<>(run.resources("instance"));
        found.addAll(run.resources("function"));
        return found;
    }

    private static List<String> timeline(Run run) {
        return run.json().path("timeline").findValuesAsText("text");
    }

    @BeforeAll
    static void play() {
        without = simulate(reports.resolve("without"));
        with = simulate(reports.resolve("with"), "--parameter-overrides", "AllowedRegions=us-east-1,eu-west-1",
                "DeniedInstanceFamilies=accelerated", "DeniedFunctionShape=miner");
    }

    private static Run simulate(Path dir, String... options) {
        List<String> args = new ArrayList<>(List.of("--scenario", "quiet-theft"));
        args.addAll(List.of(options));
        return SimulateIT.simulate(dir, args.toArray(String[]::new));
    }

    @Test
    void bothRuns_nobodyReportsTheKey_onlyCloudTrailSpeaks() {
        for (Run run : List.of(without, with)) {
            assertThat(timeline(run)).as(run.err()).anyMatch(t -> t.startsWith("nobody reports the key"))
                    .noneMatch(t -> t.startsWith("AWS Health")).noneMatch(t -> t.startsWith("GuardDuty"))
                    .anyMatch(t -> t.startsWith("CloudTrail: CreateFunction20150331 (sa-east-1)"))
                    .anyMatch(t -> t.startsWith("CloudTrail: RunInstances (ap-south-1)"));
            assertThat(run.json().at("/attack/reported").asBoolean()).isFalse();
            assertThat(spend(run)).extracting(r -> r.path("region").asText())
                    .containsOnly("sa-east-1", "ap-south-1").contains("sa-east-1", "ap-south-1");
        }
    }

    @Test
    void bothRuns_ownerResourcesInsideTheFootprint_untouched() {
        for (Run run : List.of(without, with)) {
            JsonNode verdict = run.json().path("verdict");
            assertThat(verdict.path("ownerUntouched").asInt()).as(run.out()).isEqualTo(8)
                    .isEqualTo(verdict.path("ownerTotal").asInt());
        }
    }

    @Test
    void withoutFootprint_nothingContained_verdictSaysNothingReportedIt_costReported() {
        JsonNode json = without.json();

        assertThat(without.exit()).isEqualTo(1);
        assertThat(json.at("/verdict/passed").asBoolean()).isFalse();
        assertThat(json.at("/verdict/summary").asText()).startsWith("NOTHING CONTAINED: nothing reported it.")
                .contains("no footprint is set");
        assertThat(json.at("/verdict/quietTheft/footprint").asBoolean()).isFalse();
        assertThat(spend(without)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("contained").asBoolean()).as(r.path("label").asText()).isFalse());
        assertThat(json.at("/verdict/attackerContained").asInt()).isZero();
        assertThat(json.at("/verdict/quietTheft/keyState").asText()).startsWith("active");
        // What it would have cost: every miner and instance runs until the owner notices.
        BigDecimal cost = json.at("/cost/without/total").decimalValue();
        assertThat(cost).isGreaterThan(BigDecimal.valueOf(50));
        assertThat(json.at("/cost/with/total").decimalValue()).isEqualByComparingTo(cost);
        assertThat(without.out()).contains("NOTHING CONTAINED", "total " + json.at("/cost/without/totalText").asText());
        assertThat(timeline(without)).anyMatch(t -> t.startsWith("3-minute loop re-installs the miners"));
    }

    @Test
    void withFootprint_everyAttackerResourceIsOutsideIt() {
        JsonNode quiet = with.json().at("/verdict/quietTheft");

        assertThat(with.err()).doesNotContain("not used by the local commands");
        assertThat(quiet.path("footprint").asBoolean()).isTrue();
        assertThat(quiet.path("outsideFootprintTotal").asInt()).isEqualTo(quiet.path("spendTotal").asInt())
                .isGreaterThanOrEqualTo(4);
    }

    /** Awaits the footprint's judgement in record-provenance and the containment of Resource Outside Footprint. */
    @Test
    void withFootprint_attackerOutsideIt_containedFromCloudTrailAlone_exit0() {
        JsonNode json = with.json();

        assertThat(spend(with)).isNotEmpty().allSatisfy(r -> assertThat(r.path("contained").asBoolean())
                .as(r.path("label").asText() + ": " + r.path("state").asText()).isTrue());
        assertThat(spend(with)).filteredOn(r -> r.path("kind").asText().equals("function"))
                .allSatisfy(r -> assertThat(r.path("state").asText()).startsWith("reserved concurrency 0"));
        assertThat(spend(with)).filteredOn(r -> r.path("kind").asText().equals("instance"))
                .allSatisfy(r -> assertThat(r.path("state").asText()).startsWith("stop"));
        assertThat(json.at("/verdict/summary").asText()).startsWith("PASS: ")
                .contains("attacker resources outside the footprint contained from their CloudTrail records alone");
        assertThat(json.at("/verdict/quietTheft/outsideFootprintContained").asInt())
                .isEqualTo(json.at("/verdict/quietTheft/outsideFootprintTotal").asInt());
        assertThat(json.at("/verdict/passed").asBoolean()).isTrue();
        assertThat(with.exit()).as(with.out()).isZero();
        assertThat(json.at("/cost/with/total").decimalValue())
                .isLessThan(json.at("/cost/without/total").decimalValue());
        assertThat(json.path("incidents").asInt()).isPositive();
    }
}

package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tourniquet.cli.Main;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.internal.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --parameter-overrides} checked against template.yaml and mapped to the functions' environment. */
class LocalParametersTest {
    private static final TemplateParameters TEMPLATE = TemplateParameters.load(ProjectRoot.locate()
            .resolve("template.yaml"));

    private static LocalParameters of(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            String[] parts = pair.split("=", 2);
            map.put(parts[0], parts[1]);
        }
        return LocalParameters.of(map, TEMPLATE);
    }

    @Test
    void template_environmentOfEachParameter_readFromItsRefs() {
        assertThat(TEMPLATE.environmentOf("AllowedRegions")).containsExactly("ALLOWED_REGIONS");
        assertThat(TEMPLATE.environmentOf("Mode")).containsExactly("MODE");
        // A function's own Environment, not only Globals.
        assertThat(TEMPLATE.environmentOf("InstanceMiningAction")).containsExactly("INSTANCE_MINING_ACTION");
        assertThat(TEMPLATE.environmentOf("AlertEmail")).isEmpty();
    }

    @Test
    void footprint_overridden_reachesTheFunctionsConfiguration() {
        LocalParameters parameters = of("AllowedRegions=us-east-1,eu-west-1", "DeniedInstanceFamilies=accelerated",
                "DeniedFunctionShape=miner", "MaxInstanceVcpus=16");

        Configuration configuration = parameters.applyTo(LocalAccount.offline("us-east-1", Mode.ENFORCE));

        Footprint footprint = configuration.footprint();
        assertThat(footprint.allowedRegions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(footprint.deniedInstanceFamilies()).containsAll(Footprint.ACCELERATED);
        assertThat(footprint.deniedFunctionShape()).contains(Footprint.FunctionShape.MINER);
        assertThat(footprint.maxInstanceVcpus()).isEqualTo(16);
        // The rest of the local account's settings are kept.
        Configuration before = LocalAccount.offline("us-east-1", Mode.ENFORCE);
        assertThat(configuration.tableName()).isEqualTo(before.tableName());
        assertThat(configuration.ownStack()).isEqualTo(before.ownStack());
        assertThat(configuration.endpoint()).isEqualTo(before.endpoint());
    }

    @Test
    void none_changesNothing() {
        Configuration before = LocalAccount.offline("us-east-1", Mode.ENFORCE);

        assertThat(LocalParameters.none().applyTo(before)).isSameAs(before);
        assertThat(before.footprint().isOn()).isFalse();
    }

    @Test
    void badPattern_refusedNamingTheParameterAndWhatItTakes() {
        assertThatThrownBy(() -> of("AllowedRegions=us-east-1;eu-west-1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("parameter AllowedRegions takes a comma-separated list of region names")
                .hasMessageContaining("not 'us-east-1;eu-west-1'").hasMessageContaining("AllowedPattern");
    }

    @Test
    void notInAllowedValues_refusedListingThem() {
        assertThatThrownBy(() -> of("Mode=audit")).isInstanceOf(UsageException.class)
                .hasMessageContaining("parameter Mode takes one of plan, enforce, not 'audit'");
    }

    @Test
    void notANumber_refused() {
        assertThatThrownBy(() -> of("MaxInstanceVcpus=lots")).isInstanceOf(UsageException.class)
                .hasMessageContaining("parameter MaxInstanceVcpus takes a number, not 'lots'");
    }

    @Test
    void outOfRange_refusedWithTheRange() {
        assertThatThrownBy(() -> of("FootprintInventoryMinutes=0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("parameter FootprintInventoryMinutes takes a number from 1 to 60, not '0'");
        assertThatThrownBy(() -> of("MaxInstanceVcpus=-1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("parameter MaxInstanceVcpus takes a number of at least 0, not '-1'");
    }

    @Test
    void unknownName_refusedListingTheValidOnes() {
        assertThatThrownBy(() -> of("AllowedRegion=us-east-1")).isInstanceOf(UsageException.class)
                .hasMessageContaining("template.yaml has no parameter AllowedRegion")
                .hasMessageContaining("AllowedRegions, DeniedInstanceFamilies");
    }

    @Test
    void severalRefusals_allNamed() {
        assertThatThrownBy(() -> of("Mode=audit", "MaxInstanceVcpus=lots")).isInstanceOf(UsageException.class)
                .hasMessageContaining("parameter Mode").hasMessageContaining("parameter MaxInstanceVcpus");
    }

    @Test
    void numberTheFunctionsCannotRead_refusedAsUsage() {
        LocalParameters parameters = of("MaxInstanceVcpus=1.5");

        assertThatThrownBy(() -> parameters.applyTo(LocalAccount.offline("us-east-1", Mode.ENFORCE)))
                .isInstanceOf(UsageException.class).hasMessageContaining("MaxInstanceVcpus");
    }

    @Test
    void stackOnlyParameters_acceptedAndNamedAsNotUsed() {
        LocalParameters parameters = of("AlertEmail=ops@example.com", "PrimaryRegion=eu-west-1", "Mode=plan");

        assertThat(parameters.note()).get().asString().contains("AlertEmail", "PrimaryRegion").doesNotContain("Mode");
        assertThat(parameters.environment()).containsEntry("MODE", "plan").doesNotContainKey("RECORDS_REGION");
    }

    @Test
    void mode_optionIsShortForTheParameter_disagreementRefused() {
        assertThat(of("Mode=plan").mode(Optional.empty())).isEqualTo(Mode.PLAN);
        assertThat(LocalParameters.none().mode(Optional.of("plan"))).isEqualTo(Mode.PLAN);
        assertThat(LocalParameters.none().mode(Optional.empty())).isEqualTo(Mode.ENFORCE);
        assertThat(of("Mode=plan").mode(Optional.of("plan"))).isEqualTo(Mode.PLAN);
        assertThatThrownBy(() -> of("Mode=plan").mode(Optional.of("enforce"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("disagree");
    }

    @Test
    void plan_withABadOverride_exits2NamingTheParameter() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"plan", ProjectRoot.locate().resolve("events")
                        .resolve("cloudtrail-lambda-create-function.json").toString(), "--parameter-overrides",
                        "DeniedFunctionShape=huge"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("parameter DeniedFunctionShape takes miner,");
    }

    @Test
    void plan_withTheFootprint_runsAndSaysWhatIsNotUsedLocally() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"plan", ProjectRoot.locate().resolve("events")
                        .resolve("cloudtrail-lambda-create-function.json").toString(), "--parameter-overrides",
                        "AllowedRegions=us-east-1,eu-west-1", "AlertEmail=ops@example.com"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not used by the local commands: AlertEmail");
        assertThat(List.of(out.toString(StandardCharsets.UTF_8))).isNotEmpty();
    }
}

package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SAM CLI's grammar of {@code --parameter-overrides} (cases checked against SAM CLI 1.170's own parser). */
class ParameterOverridesTest {

    @Test
    void parse_spaceSeparatedWords_onePairEach() {
        assertThat(ParameterOverrides.parse(List.of("AllowedRegions=us-east-1,eu-west-1", "Mode=plan")))
                .containsExactly(Map.entry("AllowedRegions", "us-east-1,eu-west-1"), Map.entry("Mode", "plan"));
    }

    @Test
    void parse_longForm_valueKeepsItsCommas() {
        assertThat(ParameterOverrides.parse(List.of("ParameterKey=AllowedRegions,ParameterValue=us-east-1,eu-west-1",
                "ParameterKey=Mode,ParameterValue=plan")))
                .containsExactly(Map.entry("AllowedRegions", "us-east-1,eu-west-1"), Map.entry("Mode", "plan"));
    }

    @Test
    void parse_oneWordOfSeveralPairs_quotedValueUnquoted() {
        assertThat(ParameterOverrides.parse(List.of("AllowedRegions=\"us-east-1,eu-west-1\" Mode=plan")))
                .containsExactly(Map.entry("AllowedRegions", "us-east-1,eu-west-1"), Map.entry("Mode", "plan"));
    }

    @Test
    void parse_quotesAndEscapes_asSam() {
        assertThat(ParameterOverrides.parse(List.of("D=\"a b\"", "E=x\\ y", "F='q r'", "G=\"\"", "H=1=2")))
                .containsExactly(Map.entry("D", "a b"), Map.entry("E", "x y"), Map.entry("F", "q r"),
                        Map.entry("G", ""), Map.entry("H", "1=2"));
    }

    @Test
    void parse_sameKeyTwice_laterWins() {
        assertThat(ParameterOverrides.parse(List.of("Mode=plan", "Mode=enforce"))).containsExactly(
                Map.entry("Mode", "enforce"));
    }

    @Test
    void parse_malformedPairs_refusedNamingThePiece() {
        for (String word : List.of("AllowedRegions", "AllowedRegions=", "=us-east-1", "Mode=\"plan\"x",
                "junk Mode=plan", "Allowed-Regions=us-east-1")) {
            assertThatThrownBy(() -> ParameterOverrides.parse(List.of(word))).as(word)
                    .isInstanceOf(UsageException.class).hasMessageContaining("is not a parameter pair")
                    .hasMessageContaining("Key=Value");
        }
    }

    @Test
    void parse_eventFileAmongThePairs_saysWhereFilesGo() {
        assertThatThrownBy(() -> ParameterOverrides.parse(List.of("Mode=plan", "events/x.json")))
                .isInstanceOf(UsageException.class).hasMessageContaining("'events/x.json'")
                .hasMessageContaining("event files go before --parameter-overrides");
    }

    @Test
    void parse_yamlParameterFile_readAsSam(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("more.yml"), "- Mode=plan\n- DeniedFunctionShape: miner\n");
        java.nio.file.Files.writeString(dir.resolve("params.yaml"), """
                AllowedRegions: [us-east-1, eu-west-1]
                DeniedInstanceFamilies: accelerated
                AlertEmail:
                $include: file://more.yml
                """);

        assertThat(ParameterOverrides.parse(List.of("file://" + dir.resolve("params.yaml"), "MaxInstanceVcpus=16")))
                .containsExactly(Map.entry("AllowedRegions", "us-east-1,eu-west-1"),
                        Map.entry("DeniedInstanceFamilies", "accelerated"), Map.entry("AlertEmail", ""),
                        Map.entry("Mode", "plan"), Map.entry("DeniedFunctionShape", "miner"),
                        Map.entry("MaxInstanceVcpus", "16"));
    }

    @Test
    void parse_parameterFileMissingTomlOrSelfIncluding_refusedClearly(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("p.toml"), "Mode = 'plan'\n");
        java.nio.file.Files.writeString(dir.resolve("loop.yaml"), "$include: file://loop.yaml\n");

        assertThatThrownBy(() -> ParameterOverrides.parse(List.of("file://" + dir.resolve("none.yaml"))))
                .isInstanceOf(UsageException.class).hasMessageContaining("was not found");
        assertThatThrownBy(() -> ParameterOverrides.parse(List.of("file://" + dir.resolve("p.toml"))))
                .isInstanceOf(UsageException.class).hasMessageContaining("not TOML");
        assertThatThrownBy(() -> ParameterOverrides.parse(List.of("file://" + dir.resolve("loop.yaml"))))
                .isInstanceOf(UsageException.class).hasMessageContaining("includes itself");
    }

    @Test
    void arguments_listOption_takesWordsUpToTheNextOptionOrDoubleDash() {
        Arguments arguments = new Arguments(new String[] {"--parameter-overrides", "A=1", "B=2", "--mode", "plan",
                "--parameter-overrides", "C=3", "--", "event.json"}, java.util.Set.of("--mode"), java.util.Set.of(),
                java.util.Set.of("--parameter-overrides"));

        assertThat(arguments.list("--parameter-overrides")).containsExactly("A=1", "B=2", "C=3");
        assertThat(arguments.option("--mode")).contains("plan");
        assertThat(arguments.positional()).containsExactly("event.json");
    }

    @Test
    void arguments_listOptionWithoutValues_refused() {
        assertThatThrownBy(() -> new Arguments(new String[] {"--parameter-overrides", "--mode", "plan"},
                java.util.Set.of("--mode"), java.util.Set.of(), java.util.Set.of("--parameter-overrides")))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs one or more values");
    }
}

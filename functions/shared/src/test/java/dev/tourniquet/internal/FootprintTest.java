package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FootprintTest {
    @Test
    void parse_allEmpty_isOffAndAllowsEverything() {
        Footprint footprint = Footprint.parse("", "", "", "");

        assertThat(footprint.isOn()).isFalse();
        assertThat(footprint.allowsRegion("sa-east-1")).isTrue();
        assertThat(footprint.deniedFamilyOf("p5.48xlarge")).isEmpty();
        assertThat(footprint.aboveVcpus(192)).isFalse();
        assertThat(footprint.deniesFunction(10_240, 900)).isFalse();
    }

    @Test
    void parse_regions_areTrimmedAndJudgedExactly() {
        Footprint footprint = Footprint.parse(" us-east-1 , EU-WEST-1 ", "", "0", "");

        assertThat(footprint.allowedRegions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(footprint.allowsRegion("eu-west-1")).isTrue();
        assertThat(footprint.allowsRegion("ap-south-1")).isFalse();
    }

    @Test
    void parse_accelerated_standsForTheGpuAndAcceleratorFamilies() {
        Footprint footprint = Footprint.parse("", "accelerated,x2*", "", "");

        assertThat(footprint.deniedInstanceFamilies()).containsAll(Footprint.ACCELERATED).contains("x2*");
        assertThat(footprint.deniedFamilyOf("g4dn.12xlarge")).contains("g*");
        assertThat(footprint.deniedFamilyOf("p4d.24xlarge")).contains("p*");
        assertThat(footprint.deniedFamilyOf("inf2.xlarge")).contains("inf*");
        assertThat(footprint.deniedFamilyOf("trn1.32xlarge")).contains("trn*");
        assertThat(footprint.deniedFamilyOf("x2iedn.xlarge")).contains("x2*");
        assertThat(footprint.deniedFamilyOf("m5.large")).isEmpty();
        assertThat(footprint.deniedFamilyOf("c7g.medium")).isEmpty();
    }

    @Test
    void aboveVcpus_isStrictlyAboveTheLimit() {
        Footprint footprint = Footprint.parse("", "", "16", "");

        assertThat(footprint.aboveVcpus(16)).isFalse();
        assertThat(footprint.aboveVcpus(17)).isTrue();
    }

    @Test
    void parse_miner_isLambdasMaximaAndNeedsBothMemoryAndTimeout() {
        Footprint footprint = Footprint.parse("", "", "", "miner");

        assertThat(footprint.deniedFunctionShape()).contains(Footprint.FunctionShape.MINER);
        assertThat(footprint.deniesFunction(10_240, 900)).isTrue();
        assertThat(footprint.deniesFunction(10_240, 899)).isFalse();
        assertThat(footprint.deniesFunction(3008, 900)).isFalse();
    }

    @Test
    void parse_explicitShape_isMemoryColonTimeout() {
        assertThat(Footprint.parse("", "", "", "3008:600").deniedFunctionShape())
                .contains(new Footprint.FunctionShape(3008, 600));
    }

    @Test
    void parse_badValues_nameTheParameter() {
        assertThatThrownBy(() -> Footprint.parse("mars-1", "", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AllowedRegions:");
        assertThatThrownBy(() -> Footprint.parse("", "g5.xlarge", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DeniedInstanceFamilies:");
        assertThatThrownBy(() -> Footprint.parse("", "", "many", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("MaxInstanceVcpus:");
        assertThatThrownBy(() -> Footprint.parse("", "", "-1", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("MaxInstanceVcpus");
        assertThatThrownBy(() -> Footprint.parse("", "", "", "big"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("DeniedFunctionShape:");
    }

    @Test
    void environment_roundTrips() {
        Footprint footprint = new Footprint(List.of("us-east-1"), List.of("p*"), 32,
                Optional.of(new Footprint.FunctionShape(4096, 600)));
        Map<String, String> env = new HashMap<>();
        footprint.addTo(env);

        assertThat(Footprint.from(env)).isEqualTo(footprint);
        assertThat(Configuration.from(env).footprint()).isEqualTo(footprint);
        assertThat(Configuration.from(Map.of()).footprint()).isEqualTo(Footprint.off());
    }
}

package dev.tourniquet.step.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Region;

class EnabledRegionsTest {
    private static Region region(String name, String status) {
        return Region.builder().regionName(name).optInStatus(status).build();
    }

    @Test
    void enabled_defaultAndOptedIn_areKept_notOptedIn_isLeftOut() {
        List<String> enabled = EnabledRegions.enabled(List.of(region("us-west-2", "opt-in-not-required"),
                region("af-south-1", "opted-in"), region("me-central-1", "not-opted-in"),
                region("eu-west-1", "opt-in-not-required")));

        assertThat(enabled).containsExactly("af-south-1", "eu-west-1", "us-west-2");
    }

    @Test
    void enabled_regionWithoutStatus_isLeftOut() {
        assertThat(EnabledRegions.enabled(List.of(Region.builder().regionName("us-east-1").build()))).isEmpty();
    }
}

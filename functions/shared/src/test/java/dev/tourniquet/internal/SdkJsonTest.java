package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

class SdkJsonTest {
    @Test
    void object_usesAwsMemberNamesAndLeavesOutWhatWasNotSent() {
        GetScheduleResponse schedule = GetScheduleResponse.builder().name("keepalive").state("ENABLED")
                .startDate(Instant.parse("2026-11-20T03:12:00Z"))
                .target(t -> t.arn("arn:aws:lambda:us-west-2:123456789012:function:f").input("{}")).build();

        JsonNode json = SdkJson.object(schedule);

        assertThat(json.path("Name").asText()).isEqualTo("keepalive");
        assertThat(json.path("State").asText()).isEqualTo("ENABLED");
        assertThat(json.path("StartDate").asText()).isEqualTo("2026-11-20T03:12:00Z");
        assertThat(json.at("/Target/Arn").asText()).endsWith(":function:f");
        assertThat(json.has("Description")).isFalse();
        assertThat(json.path("Target").has("RetryPolicy")).isFalse();
    }
}

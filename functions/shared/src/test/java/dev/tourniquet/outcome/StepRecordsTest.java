package dev.tourniquet.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.edge.Json;
import org.junit.jupiter.api.Test;

class StepRecordsTest {
    private static final String FIRST_ATTEMPT = """
            [{"step":"deactivate-access-key","target":"AKIA1","result":"applied","prior":{"AKIA1":"Active"}},
             {"step":"attach-quarantine-policy","target":"user/u","result":"failed","detail":"throttled"}]""";

    @Test
    void aLaterAttemptFindingAStepDone_keepsTheAttemptThatAppliedIt() throws Exception {
        String retry = """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"already_applied","prior":{"AKIA1":"Inactive"}},
                 {"step":"attach-quarantine-policy","target":"user/u","result":"applied","prior":{"inline":[]}}]""";

        JsonNode merged = Json.MAPPER.readTree(StepRecords.merge(FIRST_ATTEMPT, retry));

        assertThat(merged).hasSize(2);
        assertThat(merged.get(0).path("result").asText()).isEqualTo("applied");
        assertThat(merged.get(0).at("/prior/AKIA1").asText()).isEqualTo("Active");
        assertThat(merged.get(1).path("result").asText()).isEqualTo("applied");
        assertThat(merged.get(1).has("prior")).isTrue();
    }

    @Test
    void anAttemptClosingAfterOneThatAppliedMore_dropsNothingTheOtherApplied() throws Exception {
        String slower = """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"already_applied"}]""";

        JsonNode merged = Json.MAPPER.readTree(StepRecords.merge(FIRST_ATTEMPT, slower));

        assertThat(merged).extracting(step -> step.path("step").asText() + ":" + step.path("result").asText())
                .containsExactly("deactivate-access-key:applied");
    }

    @Test
    void theFirstAttempt_isRecordedAsItIs() throws Exception {
        assertThat(Json.MAPPER.readTree(StepRecords.merge("", FIRST_ATTEMPT)))
                .isEqualTo(Json.MAPPER.readTree(FIRST_ATTEMPT));
    }
}

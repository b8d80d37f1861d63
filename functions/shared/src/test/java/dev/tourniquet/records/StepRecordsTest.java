package dev.tourniquet.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import org.junit.jupiter.api.Test;

class StepRecordsTest {
    private static final String FIRST_ATTEMPT = """
            [{"step":"deactivate-access-key","target":"AKIA1","result":"applied","prior":{"AKIA1":"Active"}},
             {"step":"attach-quarantine-policy","target":"user/u","result":"failed","detail":"throttled"}]""";

    @Test
    void aStepThatFailedAfterStartingItsChange_isKept_soReleaseUndoesItFromTheStateBefore() throws Exception {
        String first = """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"failed","detail":"answer lost",
                  "prior":{"AKIA1":"Active"}}]""";
        String retry = """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"already_applied","prior":{"AKIA1":"Inactive"}}]""";

        JsonNode merged = read(StepRecords.merge(first, retry));

        assertThat(merged).extracting(StepRecordsTest::summary).containsExactly("deactivate-access-key:failed");
        assertThat(merged.get(0).at("/prior/AKIA1").asText()).isEqualTo("Active");
    }

    @Test
    void aRetryFindingAStepDone_keepsTheAttemptThatAppliedIt_inTheOrderTheyWereApplied() throws Exception {
        String retry = """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"already_applied","prior":{"AKIA1":"Inactive"}},
                 {"step":"attach-quarantine-policy","target":"user/u","result":"applied","prior":{"inline":[]}}]""";

        JsonNode merged = read(StepRecords.merge(FIRST_ATTEMPT, retry));

        assertThat(merged).extracting(StepRecordsTest::summary)
                .containsExactly("deactivate-access-key:applied", "attach-quarantine-policy:applied");
        assertThat(merged.get(0).at("/prior/AKIA1").asText()).isEqualTo("Active");
    }

    @Test
    void aStepAppliedAgain_keepsBothRecords_soReleaseUndoesTheLaterThenTheEarlier() throws Exception {
        String recorded = """
                [{"step":"revoke-role-sessions","target":"role/r","result":"applied","prior":{"policy":null}}]""";
        String retry = """
                [{"step":"revoke-role-sessions","target":"role/r","result":"applied","prior":{"policy":"cut-off 1"}}]""";

        JsonNode merged = read(StepRecords.merge(recorded, retry));

        assertThat(merged).extracting(step -> step.at("/prior/policy").asText("none")).containsExactly("none", "cut-off 1");
    }

    @Test
    void anAttemptClosingAfterOneThatAppliedMore_dropsNothingTheOtherApplied() throws Exception {
        String slower = """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"already_applied"},
                 {"step":"attach-quarantine-policy","target":"user/u","result":"failed","detail":"throttled"}]""";

        JsonNode merged = read(StepRecords.merge(FIRST_ATTEMPT, slower));

        assertThat(merged).extracting(StepRecordsTest::summary)
                .containsExactly("deactivate-access-key:applied", "attach-quarantine-policy:failed");
    }

    @Test
    void theFirstAttempt_isRecordedAsItIs() throws Exception {
        assertThat(read(StepRecords.merge("", FIRST_ATTEMPT))).isEqualTo(read(FIRST_ATTEMPT));
    }

    private static JsonNode read(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    private static String summary(JsonNode step) {
        return step.path("step").asText() + ":" + step.path("result").asText();
    }
}

package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.cli.local.OperationRecorder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What deliveries left behind, in a form that compares a single delivery with many: the incident records in the
 * table, the {@code applied} step records across them, and the changes the functions made in AWS (every
 * recorded call but reads and Tourniquet's own table, and but record-provenance's announcements of late records:
 * one comes with every CloudTrail record of a contained credential, however many deliveries it took, and what it
 * leads to is counted in the containing function's calls). Ids that differ from one account to the next (keys,
 * instances, incidents) are replaced by {@code names}.
 *
 * @param incidents incident records by "signal type subject status decision"
 * @param applied   {@code applied} step records, across every incident, by "step target"
 * @param changes   the calls that change something, by IAM action
 * @param mostAppliedInOneIncident how often one incident recorded the same step on the same target applied
 */
record Aftermath(Map<String, Integer> incidents, Map<String, Integer> applied, Map<String, Integer> changes,
                 int mostAppliedInOneIncident) {

    static Aftermath of(Emulator emulator, OperationRecorder calls, UnaryOperator<String> names) {
        Map<String, Integer> incidents = new TreeMap<>();
        Map<String, Integer> applied = new TreeMap<>();
        int most = 0;
        for (Map<String, AttributeValue> item : incidentItems(emulator)) {
            incidents.merge(names.apply(text(item, "source") + " " + text(item, "signalType") + " "
                    + text(item, "subject") + " " + text(item, "status") + " " + text(item, "decision")), 1, Integer::sum);
            Map<String, Integer> inThisOne = new TreeMap<>();
            for (JsonNode step : MiningScene.read(text(item, "steps"))) {
                if ("applied".equals(step.path("result").asText())) {
                    String applies = names.apply(step.path("step").asText() + " " + step.path("target").asText());
                    applied.merge(applies, 1, Integer::sum);
                    most = Math.max(most, inThisOne.merge(applies, 1, Integer::sum));
                }
            }
        }
        Map<String, Integer> changes = new TreeMap<>();
        calls.sequence().stream().filter(Aftermath::changes).forEach(action -> changes.merge(action, 1, Integer::sum));
        emulator.recorder("RecordProvenanceFunction").sequence().stream().filter(Aftermath::changes)
                .forEach(action -> changes.computeIfPresent(action, (a, n) -> n == 1 ? null : n - 1));
        return new Aftermath(incidents, applied, changes, most);
    }

    /** Every incident record in Tourniquet's table (not its finding, provenance or release records). */
    static List<Map<String, AttributeValue>> incidentItems(Emulator emulator) {
        return emulator.admin().dynamoDb().scanPaginator(r -> r.tableName(emulator.configuration().tableName()))
                .items().stream().filter(item -> item.get("pk").s().startsWith("INCIDENT#")
                        && "INCIDENT".equals(item.get("sk").s())).toList();
    }

    private static boolean changes(String action) {
        String operation = action.substring(action.indexOf(':') + 1);
        return !action.startsWith("dynamodb:") && !operation.startsWith("Get") && !operation.startsWith("List")
                && !operation.startsWith("Describe") && !operation.startsWith("Lookup");
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}

package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Honest outcomes on moto server: an event rejected, a resource already gone, the invalid parts of an event
 * acted on for the rest, each ends with an alert that says so and names the principal involved.
 */
class HonestOutcomesIT {
    private Emulator emulator;
    private IamClient iam;

    private void scene() {
        emulator = Emulator.fresh(Mode.ENFORCE, List.of());
        iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        iam.createUser(r -> r.userName("ci-bot"));
    }

    private String newKey(String user) {
        return iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
    }

    private StatusType status(String user, String key) {
        return iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).findFirst().orElseThrow().status();
    }

    private static ObjectNode exposed(String... keys) {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        ArrayNode entities = ((ObjectNode) event.path("detail")).putArray("affectedEntities");
        for (String key : keys) {
            entities.addObject().put("entityValue", key);
        }
        return event;
    }

    @Test
    void rejectedEvents_endWithAnAlertNamingThePrincipalInvolved() {
        scene();
        ObjectNode noFunction = Emulator.sample("cloudtrail-lambda-update-function-code.json");
        ((ObjectNode) noFunction.path("detail").path("requestParameters")).remove("functionName");
        ((ObjectNode) noFunction.path("detail").path("responseElements")).remove("functionArn");
        emulator.account().takeAlerts();

        List<ObjectNode> badKey = emulator.deliver(exposed("not-a-key"));
        List<ObjectNode> badRecord = emulator.deliver(noFunction);

        assertThat(badKey.get(0).path("response").path("status").asText()).isEqualTo("rejected");
        assertThat(badRecord.get(0).path("response").path("status").asText()).isEqualTo("rejected");
        List<String> alerts = emulator.account().takeAlerts();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0)).contains("rejected an event", "not an access key id", "exposed key not-a-key");
        assertThat(alerts.get(1)).contains("rejected an event", "names no function",
                "arn:aws:iam::123456789012:user/deploy-bot", "key AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void keyNobodyOwns_endsAsGone_withAnAlertSayingSo() {
        scene();
        emulator.account().takeAlerts();

        JsonNode response = emulator.deliver(exposed("AKIAUNKNOWNKEY000000")).get(0).path("response");

        assertThat(response.path("incidents").get(0).path("decision").asText()).isEqualTo("resource_gone");
        assertThat(emulator.account().takeAlerts()).singleElement().asString()
                .contains("AKIAUNKNOWNKEY000000", "no longer exists", "nothing was contained", "key AKIAUNKNOWNKEY000000");
    }

    @Test
    void functionAlreadyDeleted_endsAsGone_namingWhoCreatedIt() {
        scene();
        emulator.deliver(Emulator.sample("cloudtrail-lambda-create-function.json"));
        emulator.account().takeAlerts();

        JsonNode response = emulator.deliver(Emulator.sample("guardduty-lambda-bitcoin-tool.json")).get(0)
                .path("response");

        assertThat(response.path("incidents").get(0).path("decision").asText()).isEqualTo("resource_gone");
        assertThat(emulator.account().takeAlerts()).singleElement().asString()
                .contains("xmrig-worker-1", "no longer exists", "arn:aws:iam::123456789012:user/deploy-bot",
                        "AKIAIOSFODNN7EXAMPLE", "CreateFunction20150331");
    }

    @Test
    void healthEventWithSeveralKeys_containsEachValidOne_andReportsTheOthers() {
        scene();
        String first = newKey("deploy-bot");
        String second = newKey("ci-bot");
        emulator.account().takeAlerts();

        JsonNode response = emulator.deliver(exposed(first, "not-a-key", second)).get(0).path("response");

        assertThat(status("deploy-bot", first)).isEqualTo(StatusType.INACTIVE);
        assertThat(status("ci-bot", second)).isEqualTo(StatusType.INACTIVE);
        assertThat(response.path("incidents")).hasSize(2);
        assertThat(response.path("refused").get(0).asText()).contains("not-a-key");
        assertThat(emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains("refused these", "not-a-key"));
    }
}

package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.cli.release.ReleaseCommand;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.records.IncidentStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code account:EnableRegion} end to end on moto server through the rules of template.yaml, Account Management's
 * region calls served by {@link AccountStandIn}: alerted always, the region disabled again only when its caller is
 * part of an incident, and enabled again by {@code ./tourniquet release}.
 */
class RegionEnabledIT {
    private static final String FUNCTION = "ContainCredentialFunction";
    private static final String REGION = "af-south-1";
    private static final Set<String> PERFORMED = new TreeSet<>();

    private static WireMockServer wiremock;

    private Emulator emulator;
    private IamClient iam;

    @BeforeAll
    static void startStandIn() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    private void scene(List<String> exempt) {
        emulator = Emulator.fresh(Mode.ENFORCE, exempt, c -> {
            AccountStandIn.in(wiremock, c.endpoint().orElseThrow(), REGION, "ENABLED");
            return c.withServiceEndpoint("account", URI.create(wiremock.baseUrl()));
        }, List.of());
        iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        iam.createUser(r -> r.userName("owner"));
    }

    private String newKey(String user) {
        return iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
    }

    private List<ObjectNode> deliver(JsonNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
        return deliveries;
    }

    private static ObjectNode enableRegion(String user, String key) {
        ObjectNode event = Emulator.sample("cloudtrail-account-enable-region.json");
        ObjectNode identity = (ObjectNode) event.path("detail").path("userIdentity");
        identity.put("arn", "arn:aws:iam::123456789012:user/" + user).put("userName", user).put("accessKeyId", key);
        return event;
    }

    private static ObjectNode exposed(String key) {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).put("entityValue", key);
        return event;
    }

    private static JsonNode incidentOf(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> d.path("function").asText().equals(FUNCTION)).findFirst().orElseThrow()
                .path("response").path("incidents").get(0);
    }

    @Test
    void enabledByTheOwner_isAlertedWithTheForwarderCommand_andNothingDisabled() {
        scene(List.of());
        String key = newKey("owner");

        List<ObjectNode> deliveries = deliver(enableRegion("owner", key));

        assertThat(deliveries).extracting(d -> d.path("function").asText())
                .containsExactlyInAnyOrder(FUNCTION, "RecordProvenanceFunction");
        assertThat(incidentOf(deliveries).path("decision").asText()).isEqualTo("alert_only");
        wiremock.verify(0, postRequestedFor(urlEqualTo("/disableRegion")));
        List<String> alerts = emulator.account().takeAlerts();
        assertThat(alerts).singleElement().asString().contains("Region " + REGION + " was enabled by",
                "user/owner", "./tourniquet forwarders --home");
    }

    @Test
    void enabledByAnExemptCaller_whoseKeyIsContained_isAlertedOnly() {
        scene(List.of("arn:aws:iam::*:user/deploy-bot"));
        String key = newKey("deploy-bot");
        new IncidentStore(emulator.admin().dynamoDb(), "tourniquet-incidents").markContained(key, "inc-earlier");

        JsonNode incident = incidentOf(deliver(enableRegion("deploy-bot", key)));

        assertThat(incident.path("decision").asText()).isEqualTo("alert_only");
        wiremock.verify(0, postRequestedFor(urlEqualTo("/disableRegion")));
    }

    @Test
    void enabledByAContainedKey_isDisabled_andReleaseEnablesItAgain() {
        scene(List.of());
        String key = newKey("deploy-bot");
        deliver(exposed(key));
        emulator.account().takeAlerts();

        JsonNode incident = incidentOf(deliver(enableRegion("deploy-bot", key)));

        assertThat(incident.path("decision").asText()).isEqualTo("act");
        JsonNode step = incident.path("steps").get(0);
        assertThat(step.path("step").asText()).isEqualTo("disable-region");
        assertThat(step.path("result").asText()).isEqualTo("applied");
        assertThat(step.path("prior").path("status").asText()).isEqualTo("ENABLED");
        wiremock.verify(1, postRequestedFor(urlEqualTo("/disableRegion")));
        assertThat(emulator.account().takeAlerts()).singleElement().asString()
                .contains("disable-region on region:" + REGION + ": applied", "aws account enable-region");

        // Delivered again (EventBridge retries): nothing twice.
        deliver(enableRegion("deploy-bot", key));
        wiremock.verify(1, postRequestedFor(urlEqualTo("/disableRegion")));

        assertThat(release(incident.path("incidentId").asText())).isZero();
        wiremock.verify(1, postRequestedFor(urlEqualTo("/enableRegion")));
    }

    // ./tourniquet release, its calls through the stand-in (which proxies all but the region calls to moto).
    private int release(String incidentId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ReleaseCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), question -> Optional.empty())
                .run(new String[] {incidentId, "--endpoint", wiremock.baseUrl(), "--region", Emulator.REGION, "--yes"});
        assertThat(out.toString(StandardCharsets.UTF_8)).as(err.toString(StandardCharsets.UTF_8))
                .contains("region " + REGION + " enabled again");
        return exit;
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        wiremock.stop();
        assertThat(PERFORMED).contains("account:GetRegionOptStatus", "account:DisableRegion");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }
}

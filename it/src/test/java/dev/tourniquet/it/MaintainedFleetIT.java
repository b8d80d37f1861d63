package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static dev.tourniquet.it.InstanceScene.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tourniquet.cli.release.ReleaseCommand;
import dev.tourniquet.internal.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DefaultTargetCapacityType;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * An EC2 Fleet of type {@code maintain} the contained key created: set to a target capacity of 0 ("no termination")
 * and restored by a release. moto 5 has no {@code ModifyFleet} (and its {@code DescribeFleets} would not follow one),
 * so a WireMock stand-in in front of moto answers {@code ModifyFleet} and {@code DescribeFleets} for the one fleet,
 * its capacity following the calls, and proxies every other EC2 call to moto (the fleet and its instances are moto's).
 * Verified only against this stand-in: ModifyFleet, DescribeFleets.
 */
class MaintainedFleetIT {
    private static final String SCENARIO = "fleet";
    private static WireMockServer wiremock;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
        InstanceScene.assertLeastPrivilege();
    }

    @Test
    void sweep_maintainFleetOfTheKey_isSetToZeroTerminatingNothing_andReleaseRestoresIt() {
        URI[] moto = new URI[1];
        InstanceScene scene = InstanceScene.on(Emulator.fresh(Mode.ENFORCE, List.of(), c -> {
            moto[0] = c.endpoint().orElseThrow();
            proxy(moto[0]);
            URI standIn = URI.create(wiremock.baseUrl());
            return c.withServiceEndpoint("ec2", standIn).withServiceEndpoint("ec2-sweep", standIn);
        }, List.of()));
        String key = scene.deployBotKey();
        String template = scene.ec2(REGION).createLaunchTemplate(r -> r.launchTemplateName("gpu-fleet")
                .launchTemplateData(d -> d.imageId("ami-12c6146b").instanceType("g4dn.12xlarge"))).launchTemplate()
                .launchTemplateId();
        String fleet = scene.ec2(REGION).createFleet(r -> r.type(FleetType.MAINTAIN)
                .targetCapacitySpecification(t -> t.totalTargetCapacity(2)
                        .defaultTargetCapacityType(DefaultTargetCapacityType.SPOT))
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(l -> l.launchTemplateId(template)
                        .version("$Latest")))).fleetId();
        List<String> instances = scene.ec2(REGION).describeFleetInstances(r -> r.fleetId(fleet)).activeInstances()
                .stream().map(i -> i.instanceId()).toList();
        standIn(fleet);
        ObjectNode created = RespawningShapesIT.record("cloudtrail-ec2-create-fleet.json", key, request -> { });
        ((ObjectNode) created.at("/detail/requestParameters/CreateFleetRequest")).put("Type", "maintain");
        ((ObjectNode) created.at("/detail/responseElements/CreateFleetResponse")).put("fleetId", fleet);
        scene.deliver(created);

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.contained(key));

        JsonNode incidents = deliveries.stream().filter(d -> d.path("rule").asText().equals("InstanceSweepRule"))
                .findFirst().orElseThrow().path("response").path("incidents");
        assertThat(incidents.findValuesAsText("subject")).containsExactlyInAnyOrderElementsOf(instances);
        assertThat(incidents.findValuesAsText("step")).contains("set-fleet-capacity-zero");
        // Each instance's incident plans the fleet's step; those running at once may each set it (the same call).
        wiremock.verify(moreThanOrExactly(1), postRequestedFor(urlMatching("/.*"))
                .withRequestBody(containing("Action=ModifyFleet")).withRequestBody(containing("TotalTargetCapacity=0"))
                .withRequestBody(containing("ExcessCapacityTerminationPolicy=no-termination")));
        instances.forEach(id -> assertThat(scene.instance(REGION, id).state().name()).as(id)
                .isEqualTo(InstanceStateName.STOPPED));
        assertThat(fleetState()).isEqualTo("ZERO");

        incidents.forEach(incident -> release(incident.path("incidentId").asText()));

        wiremock.verify(moreThanOrExactly(1), postRequestedFor(urlMatching("/.*"))
                .withRequestBody(containing("Action=ModifyFleet")).withRequestBody(containing("TotalTargetCapacity=2")));
        assertThat(fleetState()).isEqualTo("BACK");
    }

    private static String fleetState() {
        return wiremock.getAllScenarios().getScenarios().stream().filter(s -> s.getName().equals(SCENARIO)).findFirst().orElseThrow()
                .getState();
    }

    // Everything to moto, until the fleet's stubs come first.
    private static void proxy(URI moto) {
        wiremock.resetAll();
        wiremock.stubFor(any(urlMatching("/.*")).atPriority(10).willReturn(aResponse().proxiedFrom(moto.toString())));
    }

    // DescribeFleets answers the fleet at 2 until a ModifyFleet to 0, at 0 until one back to 2.
    private static void standIn(String fleet) {
        for (String[] state : new String[][] {{Scenario.STARTED, "2"}, {"ZERO", "0"}, {"BACK", "2"}}) {
            wiremock.stubFor(post(urlMatching("/.*")).atPriority(1).inScenario(SCENARIO).whenScenarioStateIs(state[0])
                    .withRequestBody(containing("Action=DescribeFleets"))
                    .willReturn(xml(describe(fleet, state[1]))));
            wiremock.stubFor(post(urlMatching("/.*")).atPriority(1).inScenario(SCENARIO).whenScenarioStateIs(state[0])
                    .withRequestBody(containing("Action=ModifyFleet")).withRequestBody(containing("TotalTargetCapacity=0"))
                    .willReturn(xml(modified())).willSetStateTo("ZERO"));
            wiremock.stubFor(post(urlMatching("/.*")).atPriority(1).inScenario(SCENARIO).whenScenarioStateIs(state[0])
                    .withRequestBody(containing("Action=ModifyFleet")).withRequestBody(containing("TotalTargetCapacity=2"))
                    .willReturn(xml(modified())).willSetStateTo("BACK"));
        }
    }

    private static String describe(String fleet, String capacity) {
        return "<DescribeFleetsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-1</requestId>"
                + "<fleetSet><item><fleetId>" + fleet + "</fleetId><fleetState>active</fleetState><type>maintain</type>"
                + "<targetCapacitySpecification><totalTargetCapacity>" + capacity + "</totalTargetCapacity>"
                + "<onDemandTargetCapacity>0</onDemandTargetCapacity><spotTargetCapacity>" + capacity
                + "</spotTargetCapacity><defaultTargetCapacityType>spot</defaultTargetCapacityType>"
                + "</targetCapacitySpecification><excessCapacityTerminationPolicy>termination"
                + "</excessCapacityTerminationPolicy></item></fleetSet></DescribeFleetsResponse>";
    }

    private static String modified() {
        return "<ModifyFleetResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r-2</requestId>"
                + "<return>true</return></ModifyFleetResponse>";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    // ./tourniquet release, its calls through the stand-in.
    private static void release(String incidentId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ReleaseCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), question -> Optional.empty())
                .run(new String[] {incidentId, "--endpoint", wiremock.baseUrl(), "--region", Emulator.REGION, "--yes"});
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }
}

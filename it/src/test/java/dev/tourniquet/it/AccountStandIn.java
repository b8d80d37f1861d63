package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;

/**
 * Account Management's region opt-in as Tourniquet needs it: moto 5.2.5 has no region APIs, so this WireMock stand-in
 * in front of moto answers {@code GetRegionOptStatus}, {@code DisableRegion} and {@code EnableRegion} (REST-JSON,
 * {@code POST /getRegionOptStatus} …) for one region, whose status follows the calls, and proxies everything else to
 * moto. Verified only against this stand-in: GetRegionOptStatus, DisableRegion, EnableRegion.
 */
final class AccountStandIn {
    private static final String SCENARIO = "region";

    private AccountStandIn() {}

    /** Proxies to moto at {@code moto}; {@code region} is {@code status} until DisableRegion or EnableRegion. */
    static void in(WireMockServer wiremock, URI moto, String region, String status) {
        wiremock.resetAll();
        wiremock.stubFor(any(urlMatching("/.*")).atPriority(10).willReturn(aResponse().proxiedFrom(moto.toString())));
        status(wiremock, region, Scenario.STARTED, status);
        status(wiremock, region, "DISABLED", "DISABLED");
        status(wiremock, region, "ENABLED", "ENABLED");
        for (String state : new String[] {Scenario.STARTED, "DISABLED", "ENABLED"}) {
            wiremock.stubFor(post(urlEqualTo("/disableRegion")).atPriority(1).inScenario(SCENARIO)
                    .whenScenarioStateIs(state).withRequestBody(matchingJsonPath("$.RegionName", equalTo(region)))
                    .willReturn(json("")).willSetStateTo("DISABLED"));
            wiremock.stubFor(post(urlEqualTo("/enableRegion")).atPriority(1).inScenario(SCENARIO)
                    .whenScenarioStateIs(state).withRequestBody(matchingJsonPath("$.RegionName", equalTo(region)))
                    .willReturn(json("")).willSetStateTo("ENABLED"));
        }
    }

    private static void status(WireMockServer wiremock, String region, String state, String status) {
        wiremock.stubFor(post(urlEqualTo("/getRegionOptStatus")).atPriority(1).inScenario(SCENARIO)
                .whenScenarioStateIs(state).withRequestBody(matchingJsonPath("$.RegionName", equalTo(region)))
                .willReturn(json("{\"RegionName\":\"" + region + "\",\"RegionOptStatus\":\"" + status + "\"}")));
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalTo(String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(value);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}

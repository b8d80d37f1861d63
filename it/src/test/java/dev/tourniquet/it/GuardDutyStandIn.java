package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;

/**
 * GuardDuty as Tourniquet needs it: moto serves detectors and filters, and this WireMock stand-in in front of it
 * answers what moto lacks (listing filters and IP sets, reading and updating an IP set), proxying everything else to
 * moto. Verified only against this stand-in: ListFilters, ListIPSets, GetIPSet, UpdateIPSet.
 */
final class GuardDutyStandIn {
    static final String IP_SET = "0cb0141ab9fbde177613ab9436212e90";

    private GuardDutyStandIn() {}

    /** Proxies to moto at {@code moto}; no filters, no IP sets listed. */
    static void in(WireMockServer wiremock, URI moto) {
        wiremock.resetAll();
        wiremock.stubFor(any(urlMatching("/.*")).atPriority(10).willReturn(aResponse().proxiedFrom(moto.toString())));
        wiremock.stubFor(get(urlMatching("/detector/[^/]+/filter")).atPriority(1)
                .willReturn(json("{\"filterNames\":[]}")));
        wiremock.stubFor(get(urlMatching("/detector/[^/]+/ipset")).atPriority(1).willReturn(json("{\"ipSetIds\":[]}")));
    }

    /** One trusted IP set, active until an update with {@code activate: false} makes it inactive. */
    static void activeIpSet(WireMockServer wiremock, String detectorId) {
        String path = "/detector/" + detectorId + "/ipset/" + IP_SET;
        wiremock.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario("ip set")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(ipSet("ACTIVE")));
        wiremock.stubFor(post(urlPathEqualTo(path)).atPriority(1).inScenario("ip set")
                .withRequestBody(equalToJson("{\"activate\":false}", true, true))
                .willReturn(json("{}")).willSetStateTo("inactive"));
        wiremock.stubFor(get(urlPathEqualTo(path)).atPriority(1).inScenario("ip set")
                .whenScenarioStateIs("inactive").willReturn(ipSet("INACTIVE")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ipSet(String status) {
        return json("{\"name\":\"office\",\"format\":\"TXT\",\"location\":\"https://s3.amazonaws.com/drop/trusted.txt\","
                + "\"status\":\"" + status + "\",\"tags\":{}}");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}

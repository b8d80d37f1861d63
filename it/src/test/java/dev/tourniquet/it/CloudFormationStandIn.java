package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * Tourniquet's own stack as CloudFormation's query API answers for it, which moto cannot (it has no
 * {@code UpdateTerminationProtection}): {@code DescribeStacks} says termination protection is off until an
 * {@code UpdateTerminationProtection} turns it on. Verified only against this stand-in.
 */
final class CloudFormationStandIn {
    private static final String NS = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private CloudFormationStandIn() {}

    static void unprotectedStack(WireMockServer wiremock, String stackId) {
        wiremock.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("stack")
                .withRequestBody(containing("Action=DescribeStacks")).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(stacks(stackId, false)));
        wiremock.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("stack")
                .withRequestBody(containing("Action=UpdateTerminationProtection"))
                .withRequestBody(containing("EnableTerminationProtection=true"))
                .willReturn(xml("<UpdateTerminationProtectionResponse xmlns=\"" + NS + "\"><UpdateTerminationProtectionResult>"
                        + "<StackId>" + stackId + "</StackId></UpdateTerminationProtectionResult><ResponseMetadata>"
                        + "<RequestId>5ccc7dcd-744c-11e5-be70-1b08c228efb3</RequestId></ResponseMetadata>"
                        + "</UpdateTerminationProtectionResponse>"))
                .willSetStateTo("protected"));
        wiremock.stubFor(post(urlEqualTo("/")).atPriority(1).inScenario("stack")
                .withRequestBody(containing("Action=DescribeStacks")).whenScenarioStateIs("protected")
                .willReturn(stacks(stackId, true)));
    }

    private static ResponseDefinitionBuilder stacks(String stackId, boolean protectedFromDeletion) {
        return xml("<DescribeStacksResponse xmlns=\"" + NS + "\"><DescribeStacksResult><Stacks><member>"
                + "<StackId>" + stackId + "</StackId><StackName>tourniquet</StackName>"
                + "<CreationTime>2026-11-01T09:00:00.000Z</CreationTime><StackStatus>UPDATE_COMPLETE</StackStatus>"
                + "<EnableTerminationProtection>" + protectedFromDeletion + "</EnableTerminationProtection>"
                + "</member></Stacks></DescribeStacksResult><ResponseMetadata>"
                + "<RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata></DescribeStacksResponse>");
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }
}

package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;

/**
 * IAM as the persistence undo needs it: moto serves users, keys, policies and login profiles, and this WireMock
 * stand-in in front of it answers what moto lacks, service-specific credentials (one CodeCommit credential of the
 * attacker's user, Active until an update sets it Inactive, and back), proxying everything else to moto. Verified
 * only against this stand-in: ListServiceSpecificCredentials, UpdateServiceSpecificCredential.
 */
final class IamStandIn {
    static final String CREDENTIAL = "ACCAQWERTYUIOPEXAMPLE";
    private static final String SCENARIO = "service credential";

    private IamStandIn() {}

    static void in(WireMockServer wiremock, URI moto, String user) {
        in(wiremock, moto, user, "codecommit.amazonaws.com");
    }

    /** The same for a credential of {@code service} ({@code bedrock.amazonaws.com}: a Bedrock API key). */
    static void in(WireMockServer wiremock, URI moto, String user, String service) {
        wiremock.resetAll();
        wiremock.stubFor(any(urlMatching("/.*")).atPriority(10).willReturn(aResponse().proxiedFrom(moto.toString())));
        wiremock.stubFor(action("ListServiceSpecificCredentials").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(xml(list(user, "Active", service))));
        wiremock.stubFor(action("ListServiceSpecificCredentials").whenScenarioStateIs("inactive")
                .willReturn(xml(list(user, "Inactive", service))));
        wiremock.stubFor(action("UpdateServiceSpecificCredential").withRequestBody(containing("Status=Inactive"))
                .willReturn(xml(updated())).willSetStateTo("inactive"));
        wiremock.stubFor(action("UpdateServiceSpecificCredential").withRequestBody(containing("Status=Active"))
                .willReturn(xml(updated())).willSetStateTo(Scenario.STARTED));
    }

    /** Whether the credential is inactive now. */
    static boolean inactive(WireMockServer wiremock) {
        return wiremock.getAllScenarios().getScenarios().stream()
                .anyMatch(s -> SCENARIO.equals(s.getName()) && "inactive".equals(s.getState()));
    }

    private static ScenarioMappingBuilder action(String action) {
        return post(urlMatching("/.*")).atPriority(1).inScenario(SCENARIO)
                .withRequestBody(containing("Action=" + action));
    }

    private static String list(String user, String status, String service) {
        return "<ListServiceSpecificCredentialsResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ListServiceSpecificCredentialsResult><ServiceSpecificCredentials><member>"
                + "<UserName>" + user + "</UserName><Status>" + status + "</Status>"
                + "<ServiceUserName>" + user + "-at-123456789012</ServiceUserName>"
                + "<CreateDate>2026-11-20T03:13:02Z</CreateDate>"
                + "<ServiceSpecificCredentialId>" + CREDENTIAL + "</ServiceSpecificCredentialId>"
                + "<ServiceName>" + service + "</ServiceName>"
                + "</member></ServiceSpecificCredentials></ListServiceSpecificCredentialsResult>"
                + "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>"
                + "</ListServiceSpecificCredentialsResponse>";
    }

    private static String updated() {
        return "<UpdateServiceSpecificCredentialResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>"
                + "</UpdateServiceSpecificCredentialResponse>";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }
}

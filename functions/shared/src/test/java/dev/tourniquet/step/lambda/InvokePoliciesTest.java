package dev.tourniquet.step.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvokePoliciesTest {
    private static final String OWN = "123456789012";

    private static JsonNode policy(String principal, String condition) {
        return InvokePolicies.parse("""
                {"Version":"2012-10-17","Statement":[{"Sid":"s","Effect":"Allow","Principal":%s,\
                "Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-west-2:123456789012:function:f"%s}]}"""
                .formatted(principal, condition));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"*\"                                             | true",
            "{\"AWS\":\"*\"}                                   | true",
            "\"210987654321\"                                  | true",
            "{\"AWS\":\"arn:aws:iam::210987654321:root\"}      | true",
            "{\"AWS\":[\"123456789012\",\"arn:aws:iam::210987654321:role/x\"]} | true",
            "{\"AWS\":\"arn:aws:iam::123456789012:root\"}      | false",
            "\"123456789012\"                                  | false",
            "{\"Service\":\"s3.amazonaws.com\"}                | false"})
    void openToOthers_byPrincipal(String principal, boolean open) {
        assertThat(InvokePolicies.openToOthers(policy(principal.trim(), ""), OWN)).hasSize(open ? 1 : 0);
    }

    @Test
    void openToOthers_anyoneLimitedToOwnSourceAccount_isNotOpen() {
        JsonNode limited = policy("\"*\"", ",\"Condition\":{\"StringEquals\":{\"AWS:SourceAccount\":\"123456789012\"}}");

        assertThat(InvokePolicies.openToOthers(limited, OWN)).isEmpty();
    }

    @Test
    void openToOthers_denyStatement_isNotAnOpening() {
        JsonNode deny = InvokePolicies.parse("""
                {"Statement":[{"Sid":"d","Effect":"Deny","Principal":"*","Action":"lambda:InvokeFunction"}]}""");

        assertThat(InvokePolicies.openToOthers(deny, OWN)).isEmpty();
    }

    @Test
    void principalOfAndCondition_rebuildAnAddPermission() {
        JsonNode statement = policy("{\"AWS\":\"arn:aws:iam::210987654321:root\"}",
                ",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::bucket\"}}").path("Statement").get(0);

        assertThat(InvokePolicies.principalOf(statement)).isEqualTo("arn:aws:iam::210987654321:root");
        assertThat(InvokePolicies.condition(statement, "AWS:SourceArn")).contains("arn:aws:s3:::bucket");
        assertThat(InvokePolicies.condition(statement, "AWS:SourceAccount")).isEmpty();
    }
}

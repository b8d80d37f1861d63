package dev.tourniquet.step.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which principals of a trust policy lie outside the account, and the policy without them. */
class TrustPoliciesTest {
    private static final String ACCOUNT = "123456789012";
    private static final String OIDC = "arn:aws:iam::123456789012:oidc-provider/oidc.attacker.example";
    private static final String GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

    private static JsonNode policy(String json) {
        return PolicyDocuments.parse(json).orElseThrow();
    }

    private static JsonNode without(String json, Set<String> kept) {
        return TrustPolicies.withoutOutsiders(policy(json), ACCOUNT, OIDC::equals, kept);
    }

    @Test
    void withoutOutsiders_removesOtherAccountsAndStar_keepsServicesAndOwnAccount() {
        JsonNode result = without("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com",\
                "AWS":["arn:aws:iam::123456789012:role/admin","arn:aws:iam::444455556666:root","*","111122223333"]},\
                "Action":"sts:AssumeRole"}]}""", Set.of());

        assertThat(TrustPolicies.trusted(result)).containsExactlyInAnyOrder("Service:ec2.amazonaws.com",
                "AWS:arn:aws:iam::123456789012:role/admin");
    }

    @Test
    void withoutOutsiders_removesOnlyProvidersTheIncidentCreated() {
        JsonNode result = without("""
                {"Version":"2012-10-17","Statement":[\
                {"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity"},\
                {"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"""
                .formatted(OIDC, GITHUB), Set.of());

        assertThat(TrustPolicies.trusted(result)).containsExactly("Federated:" + GITHUB);
    }

    @Test
    void withoutOutsiders_keepsWhatTheRoleTrustedBefore_andDenyStatements() {
        JsonNode result = without("""
                {"Version":"2012-10-17","Statement":[\
                {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::777788889999:root","arn:aws:iam::444455556666:root"]},\
                "Action":"sts:AssumeRole"},\
                {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:TagSession"}]}""",
                Set.of("AWS:arn:aws:iam::777788889999:root"));

        assertThat(TrustPolicies.trusted(result)).containsExactly("AWS:arn:aws:iam::777788889999:root");
        assertThat(result.at("/Statement/1/Effect").asText()).isEqualTo("Deny");
    }

    @Test
    void withoutOutsiders_nothingInsideLeft_trustsNoOne() {
        JsonNode result = without("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}}""",
                Set.of());

        assertThat(result).isEqualTo(policy(TrustPolicies.TRUSTS_NO_ONE));
        assertThat(TrustPolicies.trusted(result)).isEmpty();
    }

    @Test
    void withoutOutsiders_allowWithNotPrincipal_isOutsideByNature() {
        JsonNode result = without("""
                {"Version":"2012-10-17","Statement":[\
                {"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"},\
                {"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
                Set.of());

        assertThat(result.path("Statement")).hasSize(1);
        assertThat(TrustPolicies.trusted(result)).containsExactly("Service:lambda.amazonaws.com");
    }
}

package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IAM permission and trust changes of the samples' CloudTrail records, as provenance with what undoing needs. */
class IamPolicyEventReaderTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String CI_DEPLOY = "arn:aws:iam::123456789012:policy/ci-deploy";
    private final SignalParser parser = new SignalParser();

    private Provenance only(ObjectNode event) {
        List<Provenance> records = ((ParseResult.Observed) parser.parse(event)).records();
        assertThat(records).hasSize(1);
        return records.getFirst();
    }

    @Test
    void updateAssumeRolePolicy_isTheRolesTrustWithTheNewDocument() throws Exception {
        Provenance trust = only(Samples.load("cloudtrail-iam-update-assume-role-policy.json"));

        assertThat(trust.resourceType()).isEqualTo(IamPolicyEventReader.IAM);
        assertThat(trust.resourceId()).isEqualTo("trust:role/ci-deployer");
        assertThat(trust.accessKeyId()).contains(KEY);
        assertThat(Json.MAPPER.readTree(trust.detail("policyDocument").orElseThrow()).at("/Statement/1/Principal/AWS")
                .asText()).isEqualTo("arn:aws:iam::444455556666:root");
        assertThat(trust.detail("roleName")).contains("ci-deployer");
    }

    @Test
    void attachPolicies_areTheAttachmentToTheUserOrRole() {
        Provenance user = only(Samples.load("cloudtrail-iam-attach-user-policy.json"));
        Provenance role = only(Samples.load("cloudtrail-iam-attach-role-policy.json"));

        assertThat(user.resourceId()).isEqualTo("attached:user/alice#" + ADMIN);
        assertThat(user.detail("policyArn")).contains(ADMIN);
        assertThat(user.detail("userName")).contains("alice");
        assertThat(role.resourceId()).isEqualTo("attached:role/ci-deployer#" + ADMIN);
        assertThat(role.detail("roleName")).contains("ci-deployer");
    }

    @Test
    void putPolicies_areTheInlinePolicyWithItsDocument() {
        Provenance user = only(Samples.load("cloudtrail-iam-put-user-policy.json"));
        Provenance role = only(Samples.load("cloudtrail-iam-put-role-policy.json"));

        assertThat(user.resourceId()).isEqualTo("inline:user/alice#maintenance");
        assertThat(user.detail("policyDocument")).hasValueSatisfying(d -> assertThat(d).contains("\"Action\":\"*\""));
        assertThat(role.resourceId()).isEqualTo("inline:role/ci-deployer#maintenance");
        assertThat(role.detail("policyName")).contains("maintenance");
    }

    @Test
    void addUserToGroup_isTheMembership() {
        Provenance group = only(Samples.load("cloudtrail-iam-add-user-to-group.json"));

        assertThat(group.resourceId()).isEqualTo("group:user/alice#admins");
        assertThat(group.detail("groupName")).contains("admins");
    }

    @Test
    void policyVersions_createdAndMadeDefault_areTheVersionWithWhetherItIsDefault() {
        Provenance created = only(Samples.load("cloudtrail-iam-create-policy-version.json"));
        Provenance madeDefault = only(Samples.load("cloudtrail-iam-set-default-policy-version.json"));
        ObjectNode notDefault = Samples.load("cloudtrail-iam-create-policy-version.json");
        notDefault.with("detail").with("requestParameters").put("setAsDefault", false);
        notDefault.with("detail").with("responseElements").with("policyVersion").put("isDefaultVersion", false);

        assertThat(created.resourceId()).isEqualTo("policy-version:" + CI_DEPLOY + "#v3");
        assertThat(created.detail("setAsDefault")).contains("true");
        assertThat(created.detail("versionId")).contains("v3");
        assertThat(madeDefault.resourceId()).isEqualTo("policy-version:" + CI_DEPLOY + "#v1");
        assertThat(madeDefault.detail("setAsDefault")).contains("true");
        assertThat(only(notDefault).detail("setAsDefault")).contains("false");
    }

    @Test
    void identityProviders_areTheirArns() {
        Provenance oidc = only(Samples.load("cloudtrail-iam-create-open-id-connect-provider.json"));
        Provenance saml = only(Samples.load("cloudtrail-iam-create-saml-provider.json"));

        assertThat(oidc.resourceId()).isEqualTo("oidc:arn:aws:iam::123456789012:oidc-provider/oidc.attacker.example");
        assertThat(oidc.detail("url")).contains("https://oidc.attacker.example");
        assertThat(saml.resourceId()).isEqualTo("saml:arn:aws:iam::123456789012:saml-provider/partner-sso");
    }

    @Test
    void createRole_keepsTheTrustDocument_fromTheRequestElseTheUrlEncodedResponse() throws Exception {
        Provenance created = only(Samples.load("cloudtrail-iam-create-role.json"));
        ObjectNode responseOnly = Samples.load("cloudtrail-iam-create-role.json");
        responseOnly.with("detail").with("requestParameters").remove("assumeRolePolicyDocument");

        assertThat(created.resourceType()).isEqualTo(TagWrites.IDENTITY);
        assertThat(created.resourceId()).isEqualTo("role/ops-support");
        assertThat(created.detail("roleArn")).contains("arn:aws:iam::123456789012:role/ops-support");
        String fromResponse = only(responseOnly).detail("assumeRolePolicyDocument").orElseThrow();
        assertThat(Json.MAPPER.readTree(fromResponse))
                .isEqualTo(Json.MAPPER.readTree(created.detail("assumeRolePolicyDocument").orElseThrow()));
        assertThat(fromResponse).contains("arn:aws:iam::444455556666:root");
    }

    @Test
    void aRecordNamingNothing_isRejected() {
        ObjectNode event = Samples.load("cloudtrail-iam-attach-user-policy.json");
        event.with("detail").with("requestParameters").remove("policyArn");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }
}

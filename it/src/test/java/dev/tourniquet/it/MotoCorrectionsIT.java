package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * moto server as the tests start it ({@code moto-server.py}) behaves as AWS where moto 5.2.5 does not. Without the
 * correction, an SDK retry of a {@code SetDefaultPolicyVersion} whose answer was lost (the fault proxy's "applied,
 * answer lost") left the owner's policy with no default version, and {@code FaultIT} judged Tourniquet by it.
 */
class MotoCorrectionsIT {
    private static final String DOCUMENT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    @Test
    void settingTheDefaultVersionAgain_keepsItTheDefault() {
        IamClient iam = Emulator.fresh().admin().iam();
        String policy = iam.createPolicy(r -> r.policyName("ci-deploy").policyDocument(DOCUMENT)).policy().arn();
        iam.createPolicyVersion(r -> r.policyArn(policy).policyDocument(DOCUMENT).setAsDefault(true));

        iam.setDefaultPolicyVersion(r -> r.policyArn(policy).versionId("v1"));
        iam.setDefaultPolicyVersion(r -> r.policyArn(policy).versionId("v1"));

        List<String> defaults = iam.listPolicyVersions(r -> r.policyArn(policy)).versions().stream()
                .filter(PolicyVersion::isDefaultVersion).map(PolicyVersion::versionId).toList();
        assertThat(defaults).containsExactly("v1");
        assertThat(iam.getPolicy(r -> r.policyArn(policy)).policy().defaultVersionId()).isEqualTo("v1");
    }
}

package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identities and IAM changes read from the samples' IAM and STS CloudTrail records, as provenance. */
class IamEventReaderTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private final SignalParser parser = new SignalParser();

    private Provenance only(ObjectNode event) {
        List<Provenance> records = ((ParseResult.Observed) parser.parse(event)).records();
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @Test
    void createUser_isTheUserCreated_byTheLeakedKey() {
        Provenance user = only(Samples.load("cloudtrail-iam-create-user.json"));

        assertThat(user.resourceType()).isEqualTo(TagWrites.IDENTITY);
        assertThat(user.resourceId()).isEqualTo("user/svc-backup");
        assertThat(user.accessKeyId()).contains(KEY);
        assertThat(user.details()).containsEntry("userName", "svc-backup");
    }

    @Test
    void createAccessKey_isTheKeyMinted_withTheUserItWasMintedOn() {
        Provenance key = only(Samples.load("cloudtrail-iam-create-access-key.json"));

        assertThat(key.resourceId()).isEqualTo("key/AKIAI44QH8DHBEXAMPLE");
        assertThat(key.details()).isEqualTo(Map.of("userName", "deploy-bot"));
    }

    @Test
    void loginProfiles_areChangesToTheUsersConsoleAccess() {
        Provenance created = only(Samples.load("cloudtrail-iam-create-login-profile.json"));
        Provenance updated = only(Samples.load("cloudtrail-iam-update-login-profile.json"));

        assertThat(created.resourceType()).isEqualTo(IamEventReader.IAM);
        assertThat(created.resourceId()).isEqualTo("login:user/svc-backup");
        assertThat(updated.resourceId()).isEqualTo("login:user/release-bot");
        assertThat(updated.details()).containsEntry("userName", "release-bot");
    }

    @Test
    void serviceSpecificCredential_isAnIdentityWithItsUserAndService() {
        Provenance credential = only(Samples.load("cloudtrail-iam-create-service-specific-credential.json"));

        assertThat(credential.resourceId()).isEqualTo("service-credential/ACCAQWERTYUIOPEXAMPLE");
        assertThat(credential.details()).containsEntry("userName", "svc-backup")
                .containsEntry("serviceName", "codecommit.amazonaws.com");
    }

    @Test
    void mfaDevices_areRecordedBySerial() {
        Provenance created = only(Samples.load("cloudtrail-iam-create-virtual-mfa-device.json"));
        Provenance enabled = only(Samples.load("cloudtrail-iam-enable-mfa-device.json"));

        assertThat(created.resourceId()).isEqualTo("mfa:arn:aws:iam::123456789012:mfa/svc-backup");
        assertThat(enabled.resourceId()).isEqualTo(created.resourceId());
        assertThat(enabled.details()).containsEntry("userName", "svc-backup");
    }

    @Test
    void stsSessions_areTheSessionKeyWithWhatRevokingThatSessionNeeds() {
        Provenance federated = only(Samples.load("cloudtrail-sts-get-federation-token.json"));
        Provenance assumed = only(Samples.load("cloudtrail-sts-assume-role.json"));

        assertThat(federated.resourceId()).isEqualTo("session/ASIAZQ3DRSE4FEDEXAMP");
        assertThat(federated.details()).containsEntry("federatedUser", "deploy-bot")
                .containsEntry("sessionName", "ops-console")
                .containsEntry("sessionArn", "arn:aws:sts::123456789012:federated-user/ops-console");
        assertThat(assumed.resourceId()).isEqualTo("session/ASIAZQ3DRSE4ROLEXAMP");
        assertThat(assumed.details()).containsEntry("roleArn", "arn:aws:iam::123456789012:role/data-pipeline")
                .containsEntry("sessionName", "maint-2026")
                .containsEntry("sessionArn", "arn:aws:sts::123456789012:assumed-role/data-pipeline/maint-2026");
        assertThat(assumed.accessKeyId()).contains(KEY);
    }

    @Test
    void createAccessKey_namingNoUser_isMintedOnTheCallerItself() {
        ObjectNode event = Samples.load("cloudtrail-iam-create-access-key.json");
        event.with("detail").with("requestParameters").remove("userName");
        event.with("detail").with("responseElements").with("accessKey").remove("userName");

        assertThat(only(event).details()).containsEntry("userName", "deploy-bot");
    }

    @Test
    void sessionWithoutCredentials_namesNothing_andIsRejected() {
        ObjectNode event = Samples.load("cloudtrail-sts-assume-role.json");
        event.with("detail").with("responseElements").remove("credentials");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }

    @Test
    void lateRecord_ofAnIdentity_isReadWithItsDetails() {
        ParseResult parsed = parser.parse(Samples.load("tourniquet-resource-of-contained-credential-iam.json"));

        assertThat(parsed).isInstanceOfSatisfying(ParseResult.LateRecord.class, late -> {
            assertThat(late.record().resourceType()).isEqualTo(TagWrites.IDENTITY);
            assertThat(late.record().resourceId()).isEqualTo("key/AKIAI44QH8DHBEXAMPLE");
            assertThat(late.record().details()).containsEntry("userName", "release-bot");
        });
    }
}

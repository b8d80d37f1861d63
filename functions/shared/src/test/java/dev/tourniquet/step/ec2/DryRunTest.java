package dev.tourniquet.step.ec2;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Plan mode's EC2 DryRun: only DryRunOperation means "would succeed". */
class DryRunTest {

    private static Ec2Exception error(String code) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(412)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void check_dryRunOperation_meansItWouldSucceed() {
        assertThatCode(() -> DryRun.check(() -> {
            throw error("DryRunOperation");
        })).doesNotThrowAnyException();
    }

    @Test
    void check_unauthorizedOperation_isThrownAsIs() {
        assertThatThrownBy(() -> DryRun.check(() -> {
            throw error("UnauthorizedOperation");
        })).isInstanceOf(Ec2Exception.class).hasMessageContaining("UnauthorizedOperation");
    }

    @Test
    void check_callThatSucceeded_isAnErrorBecauseItMayHaveChangedSomething() {
        assertThatIllegalStateException().isThrownBy(() -> DryRun.check(() -> { }));
    }
}

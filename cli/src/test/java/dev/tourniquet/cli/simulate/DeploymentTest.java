package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.internal.Json;
import org.junit.jupiter.api.Test;

/** Which regions' events reach Tourniquet, and where a record is kept and delivered. */
class DeploymentTest {

    @Test
    void standard_coversTheHomeAndForwarderRegions_notSaEast1() {
        Deployment deployment = Deployment.standard();

        assertThat(deployment.covers("us-east-1")).isTrue();
        assertThat(deployment.covers("us-west-2")).isTrue();
        assertThat(deployment.covers("sa-east-1")).isFalse();
        assertThat(deployment.describe("sa-east-1")).isEqualTo("no Tourniquet stack");
        assertThat(deployment.describe("us-east-1")).isEqualTo("home stack");
        assertThat(deployment.describe("eu-west-1")).isEqualTo("forwarder");
    }

    @Test
    void withForwarders_listOrNone_homeNotCountedTwice() {
        assertThat(Deployment.withForwarders("us-east-1", "eu-west-1, us-east-1").forwarderList())
                .containsExactly("eu-west-1");
        assertThat(Deployment.withForwarders("us-east-1", "none").forwarders()).isEmpty();
        assertThatThrownBy(() -> Deployment.withForwarders("us-east-1", "eu-west-1,Frankfurt"))
                .isInstanceOf(UsageException.class).hasMessageContaining("Frankfurt");
    }

    @Test
    void iamRecord_isKeptAndDeliveredInUsEast1_otherRecordsWhereCalled() {
        ObjectNode none = Json.object();

        assertThat(new CloudTrailRecord("iam", "CreateUser", "eu-west-1", none, none).deliveredIn())
                .isEqualTo("us-east-1");
        assertThat(new CloudTrailRecord("ec2", "RunInstances", "sa-east-1", none, none).deliveredIn())
                .isEqualTo("sa-east-1");
    }
}

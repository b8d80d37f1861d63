package dev.tourniquet.step.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.SdkJson;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/** What counts as an isolation group and an isolated instance: content, never name alone. */
class IsolationTest {
    private static final String VPC = "vpc-1";

    private static SecurityGroup.Builder group() {
        return SecurityGroup.builder().groupId("sg-1").vpcId(VPC).groupName("tourniquet-isolation-1a2b3c4d")
                .tags(Tag.builder().key(Ec2Tags.ISOLATION).value("true").build());
    }

    private static GroupIdentifier id(String groupId) {
        return GroupIdentifier.builder().groupId(groupId).build();
    }

    private static InstanceNetworkInterface eni(String... groups) {
        return InstanceNetworkInterface.builder().networkInterfaceId("eni-" + groups.length)
                .groups(java.util.Arrays.stream(groups).map(IsolationTest::id).toList()).build();
    }

    @Test
    void isolates_emptyTaggedGroupOfThisVpc_isUsable() {
        assertThat(IsolationGroups.isolates(group().build(), VPC)).isTrue();
    }

    @Test
    void isolates_groupWithAnyRuleOrWrongVpcOrNoTagOrForeignName_isNot() {
        IpPermission all = IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp("0.0.0.0/0")).build();
        assertThat(IsolationGroups.isolates(group().ipPermissions(all).build(), VPC)).isFalse();
        assertThat(IsolationGroups.isolates(group().ipPermissionsEgress(all).build(), VPC)).isFalse();
        assertThat(IsolationGroups.isolates(group().vpcId("vpc-2").build(), VPC)).isFalse();
        assertThat(IsolationGroups.isolates(group().tags(java.util.List.of()).build(), VPC)).isFalse();
        assertThat(IsolationGroups.isolates(group().groupName("quarantine").build(), VPC)).isFalse();
    }

    @Test
    void isolatedBy_oneInterface_readsTheInstancesGroups() {
        Instance instance = Instance.builder().securityGroups(id("sg-iso")).networkInterfaces(eni("sg-iso", "sg-web"))
                .build();

        assertThat(IsolateNetwork.isolatedBy(instance, "sg-iso")).isTrue();
    }

    @Test
    void isolatedBy_severalInterfaces_needsEveryInterfaceToHoldOnlyIt() {
        Instance partly = Instance.builder().securityGroups(id("sg-iso"))
                .networkInterfaces(eni("sg-iso"), eni("sg-iso", "sg-web")).build();
        Instance fully = Instance.builder().securityGroups(id("sg-iso"))
                .networkInterfaces(eni("sg-iso"), InstanceNetworkInterface.builder().groups(id("sg-iso")).build())
                .build();

        assertThat(IsolateNetwork.isolatedBy(partly, "sg-iso")).isFalse();
        assertThat(IsolateNetwork.isolatedBy(fully, "sg-iso")).isTrue();
    }

    @Test
    void sdkJson_keepsAwsFieldNamesAndNesting() {
        Instance instance = Instance.builder().instanceId("i-1").securityGroups(id("sg-1"))
                .tags(Tag.builder().key("Name").value("gpu").build()).ebsOptimized(true).build();

        var json = SdkJson.object(instance);

        assertThat(json.path("InstanceId").asText()).isEqualTo("i-1");
        assertThat(json.path("SecurityGroups").get(0).path("GroupId").asText()).isEqualTo("sg-1");
        assertThat(json.path("Tags").get(0).path("Value").asText()).isEqualTo("gpu");
        assertThat(json.path("EbsOptimized").asBoolean()).isTrue();
    }
}

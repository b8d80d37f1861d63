package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnStackTest {
    private static final String STACK =
            "arn:aws:cloudformation:eu-west-1:123456789012:stack/tourniquet/5b6c1a10-8a3e-11ef-9d5e-0a1b2c3d4e5f";
    private final OwnStack own = new OwnStack(STACK, Set.of("tourniquet-contain-credential"),
            Set.of("tourniquet-instance-launched", "tourniquet/tourniquet-credential-compromised"),
            Set.of("arn:aws:iam::123456789012:role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12"),
            Set.of("arn:aws:sqs:eu-west-1:123456789012:tourniquet-dead-letters"));

    @Test
    void stackId_namesPartitionRegionAccountAndName() {
        assertThat(own.partition()).isEqualTo("aws");
        assertThat(own.region()).isEqualTo("eu-west-1");
        assertThat(own.accountId()).isEqualTo("123456789012");
        assertThat(own.stackName()).isEqualTo("tourniquet");
        assertThat(own.isThisAccount("123456789012")).isTrue();
        assertThat(own.isThisAccount("210987654321")).isFalse();
    }

    @Test
    void isOwnRole_exactNameInThisAccount_notPathOrPrefix() {
        assertThat(own.isOwnRole("arn:aws:iam::123456789012:role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12"))
                .isTrue();
        assertThat(own.isOwnRole("arn:aws:sts::123456789012:assumed-role/tourniquet-ContainCredentialFunctionRole-AbC12/s"))
                .isTrue();
        assertThat(own.isOwnRole("arn:aws:iam::123456789012:role/tourniquet/miner-role")).isFalse();
        assertThat(own.isOwnRole("arn:aws:iam::123456789012:role/tourniquet-anything")).isFalse();
        assertThat(own.isOwnRole("arn:aws:iam::210987654321:role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12"))
                .isFalse();
        assertThat(own.isOwnRole("arn:aws:iam::123456789012:user/tourniquet-ContainCredentialFunctionRole-AbC12"))
                .isFalse();
    }

    @Test
    void isOwnFunction_exactArnInThisRegion_orThisStacksTag() {
        assertThat(own.isOwnFunction("arn:aws:lambda:eu-west-1:123456789012:function:tourniquet-contain-credential"))
                .isTrue();
        assertThat(own.isOwnFunction("arn:aws:lambda:eu-west-1:123456789012:function:tourniquet-contain-credential:live"))
                .isTrue();
        assertThat(own.isOwnFunction("arn:aws:lambda:eu-west-1:123456789012:function:tourniquet-miner")).isFalse();
        assertThat(own.isOwnFunction("arn:aws:lambda:us-east-1:123456789012:function:tourniquet-contain-credential"))
                .isFalse();
        assertThat(own.isOwnFunction("arn:aws:lambda:eu-west-1:210987654321:function:tourniquet-contain-credential"))
                .isFalse();
        assertThat(own.isOwnFunction("arn:aws:lambda:us-east-1:123456789012:function:x",
                Map.of(OwnStack.STACK_ID_TAG, STACK))).isTrue();
        assertThat(own.isOwnFunction("arn:aws:lambda:us-east-1:123456789012:function:x", Map.of(OwnStack.STACK_ID_TAG,
                STACK.replace("eu-west-1", "us-east-1")))).isFalse();
        assertThat(own.isOwnFunction("arn:aws:lambda:us-east-1:123456789012:function:x",
                Map.of("tourniquet:component", "true"))).isFalse();
    }

    @Test
    void isOwnRule_defaultAndOwnBus() {
        assertThat(own.isOwnRule("arn:aws:events:eu-west-1:123456789012:rule/tourniquet-instance-launched")).isTrue();
        assertThat(own.isOwnRule("arn:aws:events:eu-west-1:123456789012:rule/tourniquet/tourniquet-credential-compromised"))
                .isTrue();
        assertThat(own.isOwnRule("arn:aws:events:eu-west-1:123456789012:rule/tourniquet-instance-launched-2")).isFalse();
        assertThat(own.isOwn("arn:aws:sqs:eu-west-1:123456789012:tourniquet-dead-letters")).isTrue();
        assertThat(own.isOwn(STACK)).isTrue();
        assertThat(own.isOwn("arn:aws:sqs:eu-west-1:123456789012:tourniquet-dead-letters-2")).isFalse();
    }

    @Test
    void otherPartitions_areParsedFromTheStackId() {
        OwnStack gov = OwnStack.of("arn:aws-us-gov:cloudformation:us-gov-west-1:123456789012:stack/t/1");
        assertThat(gov.partition()).isEqualTo("aws-us-gov");
        assertThat(gov.functionArn("f")).isEqualTo("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f");
    }

    @Test
    void environment_roundTrips_andBadStackIdIsRefused() {
        Configuration configuration = Configuration.defaults("eu-west-1").toBuilder().ownStack(own).build();
        assertThat(Configuration.from(configuration.toEnvironment()).ownStack()).isEqualTo(own);
        assertThat(Configuration.defaults("eu-west-1").ownStack().accountId()).isEqualTo("123456789012");
        assertThatThrownBy(() -> OwnStack.of("tourniquet")).isInstanceOf(IllegalArgumentException.class);
    }
}

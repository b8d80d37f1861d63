package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.OwnStack;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExemptionsTest {
    private static final String STACK =
            "arn:aws:cloudformation:us-east-1:123456789012:stack/tourniquet/5b6c1a10-8a3e-11ef-9d5e-0a1b2c3d4e5f";
    private static final String OWN_ROLE =
            "arn:aws:iam::123456789012:role/tourniquet/tourniquet-QuarantineFunctionRole-AbC12";
    private final Exemptions exemptions = new Exemptions(Configuration.from(Map.of(
            "EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:role/break-glass,arn:aws:iam::*:user/ci/*"))
            .toBuilder().ownStack(new OwnStack(STACK, Set.of("tourniquet-quarantine-function"), Set.of(),
                    Set.of(OWN_ROLE), Set.of())).build());

    @Test
    void forArn_exactAndWildcardPatterns_match() {
        assertThat(exemptions.forArn("arn:aws:iam::123456789012:role/break-glass")).isPresent();
        assertThat(exemptions.forArn("arn:aws:iam::999999999999:user/ci/deployer")).isPresent();
    }

    @Test
    void forArn_lookalikes_doNotMatch() {
        assertThat(exemptions.forArn("arn:aws:iam::123456789012:role/break-glass-2")).isEmpty();
        assertThat(exemptions.forArn("arn:aws:iam::123456789012:user/deploy-bot")).isEmpty();
        // Pattern text is literal except '*': a dot is not "any character".
        assertThat(new Exemptions(Configuration.from(Map.of("EXEMPT_PRINCIPAL_ARNS", "a.b"))).forArn("axb")).isEmpty();
    }

    @Test
    void isOwnRole_exactRoleOnly_notPathOrPrefix() {
        assertThat(exemptions.isOwnRole(OWN_ROLE)).isTrue();
        assertThat(exemptions.isOwnRole("arn:aws:iam::123456789012:role/tourniquet/QuarantineRole-ABC")).isFalse();
        assertThat(exemptions.isOwnRole("arn:aws:iam::123456789012:role/tourniquet-contain-credential")).isFalse();
        assertThat(exemptions.isOwnRole("arn:aws:iam::123456789012:role/web-instance-role")).isFalse();
        assertThat(exemptions.isOwnRole("arn:aws:iam::123456789012:user/tourniquet/x")).isFalse();
    }

    @Test
    void isOwnFunction_exactArnOrThisStacksTag_notNamePrefix() {
        assertThat(exemptions.isOwnFunction(
                "arn:aws:lambda:us-east-1:123456789012:function:tourniquet-quarantine-function", Map.of())).isTrue();
        assertThat(exemptions.isOwnFunction("arn:aws:lambda:us-east-1:123456789012:function:tourniquet-x",
                Map.of("tourniquet:component", "true"))).isFalse();
        assertThat(exemptions.isOwnFunction("arn:aws:lambda:us-east-1:123456789012:function:tourniquet-x",
                Map.of(OwnStack.STACK_ID_TAG, STACK))).isTrue();
    }

    @Test
    void forCaller_assumedRoleSession_isJudgedAsItsRole() {
        assertThat(exemptions.forCaller("arn:aws:sts::123456789012:assumed-role/break-glass/alice")).isPresent();
        assertThat(exemptions.forCaller(
                "arn:aws:sts::123456789012:assumed-role/tourniquet-QuarantineFunctionRole-AbC12/s").orElseThrow())
                .contains("Tourniquet's own roles");
        assertThat(exemptions.forCaller("arn:aws:sts::123456789012:assumed-role/tourniquet-x/s")).isEmpty();
        assertThat(exemptions.forCaller("arn:aws:sts::123456789012:assumed-role/web/s")).isEmpty();
        assertThat(exemptions.forCaller("arn:aws:iam::123456789012:user/deploy-bot")).isEmpty();
    }
}

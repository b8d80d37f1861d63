package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.iam.QuarantinePolicies;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;

/**
 * Two incidents revoking one role's sessions at the same moment (a function's finding and its creator's sweep both
 * name the function's role), on moto's IAM: IAM keeps the last write, and the later cut-off must stand.
 */
class RevokeRoleSessionsIT {
    private static final String ROLE = "xmrig-exec";

    @Test
    void anEarlierCutOffWrittenBetweenOurWriteAndItsCheck_isReplacedByOurs_andTheStepIsApplied() {
        Emulator emulator = Emulator.fresh(Mode.ENFORCE, List.of());
        IamClient admin = emulator.admin().iam();
        admin.createRole(r -> r.roleName(ROLE).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},\
                "Action":"sts:AssumeRole"}]}"""));
        Instant ours = Instant.parse("2026-12-03T12:00:05Z");
        String earlier = QuarantinePolicies.denySessionsIssuedBefore(ours.minusSeconds(5), Optional.empty());
        AtomicBoolean raced = new AtomicBoolean();
        ExecutionInterceptor otherIncidentWritesAfterUs = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutRolePolicyRequest put && raced.compareAndSet(false, true)) {
                    admin.putRolePolicy(r -> r.roleName(ROLE).policyName(put.policyName()).policyDocument(earlier));
                }
            }
        };
        IamClient iam = new AwsClients(emulator.configuration(), List.of(otherIncidentWritesAfterUs)).iam();

        StepResult result = new RevokeRoleSessions(iam, ROLE).run(new StepContext("inc-later", Mode.ENFORCE, ours,
                null));

        assertThat(raced).isTrue();
        assertThat(result).as(result.toString()).isInstanceOf(StepResult.Applied.class);
        String policy = java.net.URLDecoder.decode(admin.getRolePolicy(r -> r.roleName(ROLE)
                .policyName(QuarantinePolicies.sessionPolicyName(Optional.empty()))).policyDocument(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(policy).as("the later cut-off stands").contains("\"" + ours + "\"")
                .doesNotContain("\"" + ours.minusSeconds(5) + "\"");
    }
}

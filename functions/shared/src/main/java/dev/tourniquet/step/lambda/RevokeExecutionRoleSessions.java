package dev.tourniquet.step.lambda;

import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Revokes the sessions of the function's execution role ({@link RevokeRoleSessions}: credentials the miner
 * may have copied out stop working) only when no other function of its region runs under that role: other
 * functions' warm environments hold sessions of it too, and would fail until they refresh them. Decided at
 * run time, after containment, because listing a region's functions takes one call per 50 functions.
 *
 * <p>IAM actions: {@code lambda:ListFunctions}, {@code iam:GetRolePolicy}, {@code iam:PutRolePolicy}. Undo:
 * that of {@link RevokeRoleSessions} (same step id, same prior state).
 */
public final class RevokeExecutionRoleSessions implements Step {
    private final LambdaClient lambda;
    private final FunctionArn function;
    private final String roleArn;
    private final RevokeRoleSessions revoke;

    public RevokeExecutionRoleSessions(LambdaClient lambda, FunctionArn function, String roleArn,
                                       RevokeRoleSessions revoke) {
        this.lambda = lambda;
        this.function = function;
        this.roleArn = roleArn;
        this.revoke = revoke;
    }

    /** {@code arn:aws:iam::ACCOUNT:role/PATH/NAME} → NAME. */
    public static String roleName(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }

    @Override
    public StepKind kind() {
        return revoke.kind();
    }

    @Override
    public String target() {
        return revoke.target();
    }

    // The kind's actions, and the run-time read that decides whether to revoke at all.
    @Override
    public List<String> permissions() {
        List<String> permissions = new ArrayList<>(List.of("lambda:ListFunctions"));
        permissions.addAll(revoke.permissions());
        return permissions;
    }

    @Override
    public String undo() {
        return revoke.undo();
    }

    @Override
    public StepResult run(StepContext context) {
        List<String> others = lambda.listFunctionsPaginator(r -> { }).functions().stream()
                .filter(f -> roleArn.equals(f.role()) && !function.unqualified().equals(f.functionArn()))
                .map(FunctionConfiguration::functionName).toList();
        if (!others.isEmpty()) {
            return new StepResult.Skipped("role " + roleName(roleArn) + " is also the role of " + others.size()
                    + " other function(s) in " + function.region() + " (" + String.join(", ", others)
                    + "): its sessions are left alone");
        }
        return revoke.run(context);
    }
}

package dev.tourniquet.cli.simulate;

/**
 * One call of the attacker's script.
 *
 * @param kind   what it does
 * @param region where (IAM calls: us-east-1)
 * @param name   the function (or instance name tag) it is about; empty when none
 */
record AttackerCall(Kind kind, String region, String name) {

    enum Kind {
        /** {@code iam:GetUser}: whose key is this, what may it do. */
        RECON,
        /** {@code iam:CreateRole}: an execution role for the miners. */
        CREATE_ROLE,
        /** {@code ec2:RunInstances}: the GPU miner. */
        RUN_INSTANCE,
        /** {@code lambda:CreateFunction}: a mining function at Lambda's maximum memory and timeout. */
        CREATE_FUNCTION,
        /** {@code lambda:AddPermission}: lets the attacker's rule invoke it. */
        ADD_PERMISSION,
        /** {@code events:PutRule}: a rule firing every 3 minutes. */
        PUT_RULE,
        /** {@code events:PutTargets}: the rule re-runs the function. */
        PUT_TARGETS,
        /** {@code lambda:UpdateFunctionCode}: the 3-minute loop re-installs the miner. */
        UPDATE_FUNCTION_CODE
    }

    static String ruleName(String functionName) {
        return functionName + "-every-3-minutes";
    }
}

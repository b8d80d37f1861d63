package dev.tourniquet.cli.simulate;

/**
 * One call of the attacker's script.
 *
 * @param kind   what it does
 * @param region where (IAM calls: us-east-1)
 * @param name   the function, instance name tag, user or role it is about; empty when none
 * @param with   the credential it means to sign with (the attacker falls back to the other one when refused)
 */
record AttackerCall(Kind kind, String region, String name, Credential with) {

    AttackerCall(Kind kind, String region, String name) {
        this(kind, region, name, Credential.LEAKED_KEY);
    }

    enum Kind {
        /** {@code iam:GetUser}: whose key is this, what may it do. */
        RECON,
        /** {@code iam:CreateUser}: a backdoor user. */
        CREATE_USER,
        /** {@code iam:CreateAccessKey}: a key for the backdoor user. */
        CREATE_ACCESS_KEY,
        /** {@code iam:CreateLoginProfile}: a console password for the backdoor user. */
        CREATE_LOGIN_PROFILE,
        /** {@code iam:AttachUserPolicy}: AdministratorAccess on the backdoor user. */
        ATTACH_USER_POLICY,
        /** {@code iam:CreateRole}: a backdoor role trusted by the attacker's own account. */
        CREATE_BACKDOOR_ROLE,
        /** {@code iam:AttachRolePolicy}: AdministratorAccess on the backdoor role. */
        ATTACH_ROLE_POLICY,
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
        UPDATE_FUNCTION_CODE,
        /** {@code ecs:RegisterTaskDefinition} and {@code ecs:CreateService}: a Fargate miner behind a service. */
        CREATE_SERVICE
    }

    /** Which key the attacker signs with. */
    enum Credential {
        /** The deploy user's key that leaked. */
        LEAKED_KEY,
        /** The key the attacker minted for its backdoor user. */
        BACKDOOR_KEY
    }

    AttackerCall signedWith(Credential credential) {
        return new AttackerCall(kind, region, name, credential);
    }

    static String ruleName(String functionName) {
        return functionName + "-every-3-minutes";
    }
}

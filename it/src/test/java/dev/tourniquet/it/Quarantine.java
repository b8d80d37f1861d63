package dev.tourniquet.it;

import dev.tourniquet.cli.local.LocalAccount;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/** What denies a user everything in the emulated account: the stack's managed deny-all, or the inline fallback. */
final class Quarantine {
    /** The stack's deny-all managed policy as the emulated account provisions it. */
    static final String POLICY_ARN = LocalAccount.quarantinePolicyArn(Emulator.REGION);
    static final String INLINE = "TourniquetQuarantine";

    private Quarantine() {}

    /** The user's managed policy ARNs, then its inline policy names. */
    static List<String> policies(IamClient iam, String user) {
        List<String> policies = new ArrayList<>(iam.listAttachedUserPolicies(r -> r.userName(user)).attachedPolicies()
                .stream().map(AttachedPolicy::policyArn).toList());
        policies.addAll(iam.listUserPolicies(r -> r.userName(user)).policyNames());
        return policies;
    }

    static boolean of(IamClient iam, String user) {
        List<String> policies = policies(iam, user);
        return policies.contains(POLICY_ARN) || policies.contains(INLINE);
    }
}

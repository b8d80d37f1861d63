package dev.tourniquet.step.account;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of Account Management step: each one's id, IAM actions and reversal ({@link AccountReversals}). */
public final class AccountStepKinds {
    public static final StepKind DISABLE_REGION = StepKind.reversible("disable-region",
            List.of("account:GetRegionOptStatus", "account:DisableRegion"), AccountReversals::enableRegion);

    private AccountStepKinds() {}

    public static List<StepKind> all() {
        return List.of(DISABLE_REGION);
    }
}

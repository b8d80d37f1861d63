package dev.tourniquet.step.guardduty;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of GuardDuty step: each one's id, IAM actions and reversal ({@link GuardDutyReversals}). */
public final class GuardDutyStepKinds {
    public static final StepKind ENABLE_DETECTOR = StepKind.reversible("enable-detector",
            List.of("guardduty:GetDetector", "guardduty:UpdateDetector"), GuardDutyReversals::restoreDetector);
    public static final StepKind DISARM_ARCHIVE_FILTER = StepKind.reversible("disarm-archive-filter",
            List.of("guardduty:GetFilter", "guardduty:UpdateFilter"), GuardDutyReversals::rearmFilter);
    public static final StepKind DEACTIVATE_IP_SET = StepKind.reversible("deactivate-ip-set",
            List.of("guardduty:GetIPSet", "guardduty:UpdateIPSet"), GuardDutyReversals::reactivateIpSet);

    private GuardDutyStepKinds() {}

    public static List<StepKind> all() {
        return List.of(ENABLE_DETECTOR, DISARM_ARCHIVE_FILTER, DEACTIVATE_IP_SET);
    }
}

package dev.tourniquet.step.cloudtrail;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of trail step: each one's id, IAM actions and reversal ({@link CloudTrailReversals}). */
public final class CloudTrailStepKinds {
    public static final StepKind START_TRAIL_LOGGING = StepKind.reversible("start-trail-logging",
            List.of("cloudtrail:GetTrailStatus", "cloudtrail:StartLogging"), CloudTrailReversals::stopLogging);
    public static final StepKind RESTORE_TRAIL_SETTINGS = StepKind.reversible("restore-trail-settings",
            List.of("cloudtrail:GetTrail", "cloudtrail:UpdateTrail"), CloudTrailReversals::restoreSettings);
    public static final StepKind RESTORE_EVENT_SELECTORS = StepKind.reversible("restore-event-selectors",
            List.of("cloudtrail:GetEventSelectors", "cloudtrail:PutEventSelectors"), CloudTrailReversals::restoreSelectors);

    public static final StepKind RESTORE_INSIGHT_SELECTORS = StepKind.reversible("restore-insight-selectors",
            List.of("cloudtrail:GetInsightSelectors", "cloudtrail:PutInsightSelectors"), CloudTrailReversals::restoreInsights);

    private CloudTrailStepKinds() {}

    public static List<StepKind> all() {
        return List.of(START_TRAIL_LOGGING, RESTORE_TRAIL_SETTINGS, RESTORE_EVENT_SELECTORS, RESTORE_INSIGHT_SELECTORS);
    }
}

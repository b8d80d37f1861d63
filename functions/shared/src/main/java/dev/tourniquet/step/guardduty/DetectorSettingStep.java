package dev.tourniquet.step.guardduty;

import dev.tourniquet.step.Step;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;

/**
 * What a step on one setting of a GuardDuty detector holds (a filter, a trusted IP list): the detector, the setting's
 * name or id, and its region's client. Its target is {@code DETECTOR/SETTING}.
 */
abstract class DetectorSettingStep implements Step {
    protected final GuardDutyClient guardDuty;
    protected final String region;
    protected final String detectorId;
    private final String setting;

    DetectorSettingStep(GuardDutyClient guardDuty, String region, String detectorId, String setting) {
        this.guardDuty = guardDuty;
        this.region = region;
        this.detectorId = detectorId;
        this.setting = setting;
    }

    @Override
    public String target() {
        return detectorId + "/" + setting;
    }
}

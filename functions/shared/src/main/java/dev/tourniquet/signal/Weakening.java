package dev.tourniquet.signal;

/**
 * What a tampering call did to the sensors Tourniquet depends on (CloudTrail, GuardDuty) or to Tourniquet itself.
 * The {@code OWN_*} kinds concern Tourniquet's own resources only; the others any trail or detector of the account.
 */
public enum Weakening {
    TRAIL_STOPPED("stopped a CloudTrail trail's logging"),
    TRAIL_DELETED("deleted a CloudTrail trail"),
    TRAIL_NARROWED("turned off a trail's multi-region or global service events"),
    EVENT_SELECTORS_NARROWED("stopped a trail recording management events"),
    INSIGHT_SELECTORS_CHANGED("changed a trail's Insights selectors"),
    DETECTOR_DELETED("deleted a GuardDuty detector"),
    DETECTOR_DISABLED("suspended a GuardDuty detector or turned off one of its features"),
    ADMINISTRATOR_DISASSOCIATED("left the GuardDuty administrator account"),
    ARCHIVE_FILTER_CREATED("created a GuardDuty filter that auto-archives findings"),
    ARCHIVE_FILTER_UPDATED("made a GuardDuty filter auto-archive findings"),
    TRUSTED_IP_SET("activated a GuardDuty trusted IP list (findings from those addresses are silenced)"),
    MEMBERS_UNMONITORED("stopped GuardDuty monitoring member accounts"),
    MODEL_LOGGING_DELETED("deleted Amazon Bedrock model invocation logging"),
    MODEL_LOGGING_WEAKENED("narrowed Amazon Bedrock model invocation logging (no destination, or prompts no longer delivered)"),
    OWN_FUNCTION_CONCURRENCY("changed the reserved concurrency of one of Tourniquet's functions"),
    OWN_FUNCTION_CHANGED("changed or deleted one of Tourniquet's functions"),
    OWN_RULE_DISABLED("disabled one of Tourniquet's rules"),
    OWN_RULE_RETARGETED("removed or changed the targets of one of Tourniquet's rules"),
    OWN_RULE_CHANGED("changed or deleted one of Tourniquet's rules"),
    OWN_RESOURCE_CHANGED("changed one of Tourniquet's roles, policies, bus, table, bucket, topic or queue"),
    OWN_STACK_CHANGED("changed or deleted Tourniquet's stack"),
    OWN_STACK_UNPROTECTED("turned off termination protection of Tourniquet's stack");

    private final String description;

    Weakening(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether this concerns Tourniquet's own resources (and so only those, by exact identity). */
    public boolean own() {
        return name().startsWith("OWN_");
    }
}

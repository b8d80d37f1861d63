package dev.tourniquet.cli.simulate;

import java.time.Duration;

/**
 * The simulation's named delays, each with its default and where the default comes from. Every one can
 * be overridden on the command line ({@code --delay-health 90s}).
 */
enum Delay {
    ATTACKER("--delay-attacker", "60s", "key pushed to a public repository -> the attacker's first call. Leaked keys"
            + " are tried within about a minute (a public experiment saw the first calls 80 s after the push:"
            + " xebia.com, 'What happens when you leak AWS credentials', 2023); the simulation takes the faster"
            + " attacker."),
    ATTACKER_STEP("--delay-attacker-step", "400ms", "between two calls of the attacker's script (a scripted SDK"
            + " client makes a call every few hundred milliseconds)."),
    HEALTH("--delay-health", "67s", "push -> AWS Health AWS_RISK_CREDENTIALS_EXPOSED on EventBridge. AWS scans"
            + " public GitHub pushes; in the same experiment AWS reacted (quarantine policy) 67 s after the push."),
    CLOUDTRAIL("--delay-cloudtrail", "3m", "API call -> its 'AWS API Call via CloudTrail' event on EventBridge."
            + " Delivery is best effort; CloudTrail documents an average of about 5 minutes for log files, and"
            + " events usually reach EventBridge sooner."),
    HISTORY("--delay-history", "3m", "API call -> its record in CloudTrail's event history (LookupEvents), in the"
            + " region called (IAM: us-east-1). CloudTrail documents no separate bound for the event history; the"
            + " simulation takes the same delay as the EventBridge delivery."),
    GUARDDUTY("--delay-guardduty", "5m", "activity -> GuardDuty finding on EventBridge. A new finding is published"
            + " within 5 minutes; the simulation uses the full 5 minutes."),
    DURATION("--duration", "15m", "simulated time played after the push (extended to cover the last signal).");

    private final String option;
    private final String defaultText;
    private final String source;

    Delay(String option, String defaultText, String source) {
        this.option = option;
        this.defaultText = defaultText;
        this.source = source;
    }

    String option() {
        return option;
    }

    String source() {
        return source;
    }

    Duration defaultValue() {
        return DurationText.parse(option, defaultText);
    }
}

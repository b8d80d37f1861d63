package dev.tourniquet.records;

import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Sends the human summary of an incident to the alert topic.
 *
 * <p>IAM actions: {@code sns:Publish}.
 */
public final class AlertPublisher {
    private static final int SUBJECT_LIMIT = 100;

    private final SnsClient sns;
    private final String topicArn;

    public AlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    public void publish(String subject, String message) {
        // SNS subjects are at most 100 ASCII characters, with no line breaks.
        String clean = subject.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7E]", "?");
        String bounded = clean.length() > SUBJECT_LIMIT ? clean.substring(0, SUBJECT_LIMIT - 1) + "~" : clean;
        sns.publish(r -> r.topicArn(topicArn).subject(bounded).message(message));
    }
}

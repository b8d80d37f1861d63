package dev.tourniquet.step.tampering;

/** A rule's name and bus from its ARN: {@code arn:P:events:R:A:rule/NAME} or {@code …:rule/BUS/NAME}. */
public final class OwnRules {
    private OwnRules() {}

    public static String name(String ruleArn) {
        return ruleArn.substring(ruleArn.lastIndexOf('/') + 1);
    }

    public static String bus(String ruleArn) {
        String path = ruleArn.substring(ruleArn.indexOf(":rule/") + ":rule/".length());
        return path.contains("/") ? path.substring(0, path.indexOf('/')) : "default";
    }
}

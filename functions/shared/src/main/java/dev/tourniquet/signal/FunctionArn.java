package dev.tourniquet.signal;

import java.util.Optional;

/**
 * A Lambda function ARN split into its parts: {@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}.
 */
public record FunctionArn(String partition, String region, String account, String name, Optional<String> qualifier) {

    public static Optional<FunctionArn> parse(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":");
        if (parts.length < 7 || parts.length > 8 || !"arn".equals(parts[0]) || !"lambda".equals(parts[2])
                || !"function".equals(parts[5]) || parts[3].isEmpty() || parts[6].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FunctionArn(parts[1], parts[3], parts[4], parts[6],
                parts.length == 8 ? Optional.of(parts[7]) : Optional.empty()));
    }

    public String unqualified() {
        return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + name;
    }
}

package dev.tourniquet.signal;

import java.util.Optional;

/**
 * A Lambda function running something it must not (a miner, a backdoor), or created by a credential
 * that has been contained.
 *
 * @param functionArn  the unqualified function ARN
 * @param functionName the function's name
 * @param region       the function's region (from its ARN)
 * @param roleArn      its execution role, when the event says
 * @param reason       why it is quarantined
 */
public record CompromisedFunction(
        Origin origin, String functionArn, String functionName, String region, Optional<String> roleArn,
        String reason) implements Signal {

    @Override
    public String subject() {
        return functionArn;
    }

    @Override
    public String signalType() {
        return "function";
    }
}

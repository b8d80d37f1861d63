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
 * @param facts        what AWS says about it, once read (empty when parsed, and when planned offline)
 */
public record CompromisedFunction(
        Origin origin, String functionArn, String functionName, String region, Optional<String> roleArn,
        String reason, Optional<FunctionFacts> facts) implements Signal {

    /** A function as an event names it, before AWS is read. */
    public CompromisedFunction(Origin origin, String functionArn, String functionName, String region,
                               Optional<String> roleArn, String reason) {
        this(origin, functionArn, functionName, region, roleArn, reason, Optional.empty());
    }

    @Override
    public String subject() {
        return functionArn;
    }

    @Override
    public String signalType() {
        return "function";
    }

    /** Whether a sweep found it (its credential was contained), rather than a finding on the function itself. */
    public boolean fromSweep() {
        return ChainEvents.SOURCE.equals(origin.source());
    }

    public CompromisedFunction withFacts(FunctionFacts read) {
        return new CompromisedFunction(origin, functionArn, functionName, region,
                read.roleArn().or(() -> roleArn), reason, Optional.of(read));
    }
}

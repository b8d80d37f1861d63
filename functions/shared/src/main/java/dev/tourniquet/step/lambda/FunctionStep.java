package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.Step;

/**
 * What every step on one Lambda function shares: the function (its unqualified ARN is the target) and a
 * prior state that starts with the ARN and region (a release needs the region to find the function again).
 */
abstract class FunctionStep implements Step {
    protected final FunctionArn function;

    FunctionStep(FunctionArn function) {
        this.function = function;
    }

    @Override
    public String target() {
        return function.unqualified();
    }

    protected ObjectNode prior() {
        return Json.object().put("functionArn", function.unqualified()).put("region", function.region());
    }
}

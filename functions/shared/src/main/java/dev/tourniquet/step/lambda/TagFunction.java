package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Tags the function {@value #TAG_KEY}={@code INCIDENT_ID}, so that anyone looking at it in the console
 * finds why its concurrency is 0 and where the evidence is.
 *
 * <p>IAM actions: {@code lambda:ListTags}, {@code lambda:TagResource}. Undo:
 * {@code aws lambda untag-resource --resource ARN --tag-keys tourniquet:incident} (or the recorded prior
 * value put back, when the function already carried one).
 */
public final class TagFunction extends FunctionStep {
    public static final String TAG_KEY = "tourniquet:incident";

    private final LambdaClient lambda;

    public TagFunction(LambdaClient lambda, FunctionArn function) {
        super(function);
        this.lambda = lambda;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.TAG_FUNCTION;
    }

    @Override
    public String undo() {
        return "aws lambda untag-resource --region " + function.region() + " --resource " + function.unqualified()
                + " --tag-keys " + TAG_KEY;
    }

    @Override
    public StepResult run(StepContext context) {
        String prior = tags().get(TAG_KEY);
        ObjectNode state = prior()
                .put("tagKey", TAG_KEY).put("value", prior);
        if (context.incidentId().equals(prior)) {
            return new StepResult.AlreadyApplied(state, "already tagged " + TAG_KEY + "=" + prior);
        }
        if (context.planOnly()) {
            return new StepResult.Planned(state, "would tag " + function.name() + " " + TAG_KEY + "="
                    + context.incidentId());
        }
        context.changing(state);
        lambda.tagResource(r -> r.resource(function.unqualified()).tags(Map.of(TAG_KEY, context.incidentId())));
        Verification.until("tag " + TAG_KEY + " on " + function.name(),
                () -> context.incidentId().equals(tags().get(TAG_KEY)));
        return new StepResult.Applied(state, "tagged " + function.name() + " " + TAG_KEY + "=" + context.incidentId());
    }

    private Map<String, String> tags() {
        return lambda.listTags(r -> r.resource(function.unqualified())).tags();
    }
}

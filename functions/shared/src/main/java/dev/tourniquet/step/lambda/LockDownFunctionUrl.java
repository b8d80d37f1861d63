package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;

/**
 * Switches every public function URL of the function (and of its aliases) from {@code AuthType NONE} to
 * {@code AWS_IAM}: the URL keeps existing (it is evidence, and the attacker's clients keep calling it,
 * visibly) but answers 403 to anyone without IAM credentials of this account. Locked down, never deleted.
 *
 * <p>IAM actions: {@code lambda:ListAliases}, {@code lambda:GetFunctionUrlConfig},
 * {@code lambda:UpdateFunctionUrlConfig}. Undo: {@code aws lambda update-function-url-config --auth-type NONE}
 * for each URL recorded as {@code NONE}.
 */
public final class LockDownFunctionUrl extends FunctionStep {
    private final LambdaClient lambda;
    private final Supplier<List<String>> aliases;

    public LockDownFunctionUrl(LambdaClient lambda, FunctionArn function, Supplier<List<String>> aliases) {
        super(function);
        this.lambda = lambda;
        this.aliases = aliases;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.LOCK_DOWN_FUNCTION_URL;
    }

    @Override
    public String undo() {
        return "aws lambda update-function-url-config --function-name " + function.name() + " --region "
                + function.region() + " --auth-type NONE (with --qualifier for each alias recorded as NONE)";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = prior();
        ArrayNode urls = prior.putArray("urls");
        List<String> open = new ArrayList<>();
        for (String qualifier : FunctionReads.qualifiers(aliases.get())) {
            FunctionReads.url(lambda, function, qualifier).ifPresent(url -> {
                urls.addObject().put("qualifier", qualifier).put("functionUrl", url.functionUrl())
                        .put("authType", url.authTypeAsString());
                if (url.authType() == FunctionUrlAuthType.NONE) {
                    open.add(qualifier);
                }
            });
        }
        if (urls.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: " + function.name() + " has no function URL");
        }
        if (open.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "every function URL already requires AWS_IAM");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would switch " + open.size() + " public function URL(s) of "
                    + function.name() + " to AWS_IAM");
        }
        context.changing(prior);
        open.forEach(q -> lambda.updateFunctionUrlConfig(r -> r.functionName(function.name()).qualifier(q)
                .authType(FunctionUrlAuthType.AWS_IAM)));
        Verification.until("function URLs of " + function.name() + " require AWS_IAM", () -> open.stream()
                .allMatch(q -> FunctionReads.url(lambda, function, q).map(GetFunctionUrlConfigResponse::authType)
                        .map(FunctionUrlAuthType.AWS_IAM::equals).orElse(true)));
        return new StepResult.Applied(prior, "switched " + open.size() + " public function URL(s) of "
                + function.name() + " to AWS_IAM: " + String.join(", ", urlsOf(urls)));
    }

    private static List<String> urlsOf(ArrayNode urls) {
        List<String> list = new ArrayList<>();
        for (JsonNode url : urls) {
            if ("NONE".equals(url.path("authType").asText())) {
                list.add(url.path("functionUrl").asText());
            }
        }
        return list;
    }
}

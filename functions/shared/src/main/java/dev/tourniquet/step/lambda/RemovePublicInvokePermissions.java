package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Removes the resource-policy statements of the function (and of each alias) that let anyone ({@code "*"})
 * or another account invoke it, the way an attacker keeps a miner reachable from outside. Statements for
 * services of this account (S3, SNS, EventBridge triggers) stay: the concurrency of 0 already stops them, and
 * the rules and mappings are cut by their own steps. Each removed statement is kept whole as prior state.
 *
 * <p>IAM actions: {@code lambda:ListAliases}, {@code lambda:GetPolicy}, {@code lambda:RemovePermission}. Undo:
 * {@code aws lambda add-permission} with each recorded statement (./tourniquet release does it).
 */
public final class RemovePublicInvokePermissions extends FunctionStep {
    private final LambdaClient lambda;
    private final Supplier<List<String>> aliases;

    public RemovePublicInvokePermissions(LambdaClient lambda,
                                         FunctionArn function, Supplier<List<String>> aliases) {
        super(function);
        this.lambda = lambda;
        this.aliases = aliases;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.REMOVE_PUBLIC_INVOKE_PERMISSIONS;
    }

    @Override
    public String undo() {
        return "aws lambda add-permission --function-name " + function.name() + " --region " + function.region()
                + " with each removed statement recorded in the incident (or ./tourniquet release)";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = prior()
                .put("accountId", function.account());
        ArrayNode removed = prior.putArray("removedStatements");
        for (String qualifier : FunctionReads.qualifiers(aliases.get())) {
            for (JsonNode statement : open(qualifier)) {
                removed.addObject().put("qualifier", qualifier).set("statement", statement);
            }
        }
        if (removed.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: no statement lets anyone or another account invoke "
                    + function.name());
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would remove " + removed.size() + " statement(s) letting anyone or"
                    + " another account invoke " + function.name());
        }
        context.changing(prior);
        for (JsonNode entry : removed) {
            String qualifier = Json.text(entry, "/qualifier").orElse(null);
            String sid = entry.path("statement").path("Sid").asText();
            lambda.removePermission(r -> r.functionName(function.name()).qualifier(qualifier).statementId(sid));
        }
        Verification.until("no public invoke statement on " + function.name(), () -> FunctionReads
                .qualifiers(aliases.get()).stream().allMatch(q -> open(q).isEmpty()));
        return new StepResult.Applied(prior, "removed " + removed.size() + " statement(s) letting anyone or another"
                + " account invoke " + function.name());
    }

    private List<JsonNode> open(String qualifier) {
        return FunctionReads.policy(lambda, function, qualifier)
                .map(p -> InvokePolicies.openToOthers(InvokePolicies.parse(p.policy()), function.account()))
                .orElse(List.of());
    }
}

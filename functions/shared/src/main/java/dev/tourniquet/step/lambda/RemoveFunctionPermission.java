package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Removes the one resource-policy statement a contained credential added to a function ({@code AddPermission} to
 * anyone or another account), found by its statement id and checked against the record: a statement of that id
 * whose principal is not the one the record names is the owner's (added again since) and stays. Every other
 * statement stays. The removed statement is kept whole as prior state.
 *
 * <p>IAM actions: {@code lambda:GetPolicy}, {@code lambda:RemovePermission}. Undo: {@code aws lambda add-permission}
 * with the recorded statement (./tourniquet release does it).
 */
public final class RemoveFunctionPermission extends FunctionStep {
    private final LambdaClient lambda;
    private final String statementId;
    private final Optional<String> qualifier;
    private final String principal;

    /**
     * @param statementId the statement id the record names
     * @param qualifier   the version or alias the permission was added to, if any
     * @param principal   the principal the record says the statement was granted to
     */
    public RemoveFunctionPermission(LambdaClient lambda, FunctionArn function, String statementId,
                                    Optional<String> qualifier, String principal) {
        super(function);
        this.lambda = lambda;
        this.statementId = statementId;
        this.qualifier = qualifier;
        this.principal = principal;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.REMOVE_FUNCTION_PERMISSION;
    }

    @Override
    public String target() {
        return function.unqualified() + "#" + statementId;
    }

    @Override
    public String undo() {
        return "aws lambda add-permission --function-name " + function.name() + " --region " + function.region()
                + " --statement-id " + statementId + " with the statement recorded in the incident"
                + " (or ./tourniquet release)";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = prior().put("accountId", function.account()).put("statementId", statementId);
        Optional<JsonNode> statement = statement();
        if (statement.isEmpty()) {
            prior.putArray("removedStatements");
            return new StepResult.AlreadyApplied(prior, "no statement " + statementId + " on " + function.name());
        }
        if (!grantee(principal).equals(grantee(InvokePolicies.principalOf(statement.get())))) {
            return new StepResult.Skipped("statement " + statementId + " of " + function.name() + " grants "
                    + InvokePolicies.principalOf(statement.get()) + ", not the " + principal + " the contained"
                    + " credential added: it is not that credential's, and stays");
        }
        prior.putArray("removedStatements").addObject().put("qualifier", qualifier.orElse(null))
                .set("statement", statement.get());
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would remove statement " + statementId + " (" + principal + ") of "
                    + function.name());
        }
        context.changing(prior);
        lambda.removePermission(r -> r.functionName(function.name()).qualifier(qualifier.orElse(null))
                .statementId(statementId));
        Verification.until("statement " + statementId + " gone from " + function.name(), () -> statement().isEmpty());
        return new StepResult.Applied(prior, "removed statement " + statementId + " (" + principal + ") of "
                + function.name() + "; the function's other statements stay");
    }

    // Lambda stores an account given as 111122223333 as arn:aws:iam::111122223333:root.
    private static String grantee(String principal) {
        return InvokePolicies.account(principal).orElse(principal);
    }

    private Optional<JsonNode> statement() {
        return FunctionReads.policy(lambda, function, qualifier.orElse(null))
                .flatMap(p -> {
                    for (JsonNode s : InvokePolicies.parse(p.policy()).path("Statement")) {
                        if (statementId.equals(Json.text(s, "/Sid").orElse(""))) {
                            return Optional.of(s);
                        }
                    }
                    return Optional.empty();
                });
    }
}

package dev.tourniquet.step.lambda;

import dev.tourniquet.signal.FunctionArn;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;

/**
 * The alias names of one function, read once when a step first needs them: after the concurrency is 0,
 * never before. URLs, permissions and rule or schedule targets exist per alias too.
 *
 * <p>IAM actions: {@code lambda:ListAliases}.
 */
public final class FunctionAliases implements Supplier<List<String>> {
    private final LambdaClient lambda;
    private final FunctionArn function;
    private volatile List<String> names;

    public FunctionAliases(LambdaClient lambda, FunctionArn function) {
        this.lambda = lambda;
        this.function = function;
    }

    /** For a function known to have no alias (tests, offline plans). */
    public static Supplier<List<String>> none() {
        return List::of;
    }

    @Override
    public List<String> get() {
        List<String> read = names;
        if (read == null) {
            read = lambda.listAliasesPaginator(r -> r.functionName(function.name())).aliases().stream()
                    .map(AliasConfiguration::name).toList();
            names = read;
        }
        return read;
    }
}

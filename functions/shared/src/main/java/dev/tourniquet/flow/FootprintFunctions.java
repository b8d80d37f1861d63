package dev.tourniquet.flow;

import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.playbook.FootprintJudge;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Functions outside the footprint (its region, or the denied memory and timeout), listed with
 * {@code lambda:ListFunctions} (fifty a page, Lambda@Edge replicas not included) through the region's paced client:
 * within Lambda's 15 control-plane requests a second per region. Lambda reports no creation time: a function appeared
 * at its {@code LastModified} (its creation, or its latest change of code or configuration). Tourniquet's own functions
 * are skipped by exact ARN.
 */
final class FootprintFunctions implements FootprintListing {
    private final Function<String, LambdaClient> lambda;
    private final OwnStack own;
    private final FootprintJudge judge;
    private final AppearedFunctions signals;

    FootprintFunctions(Function<String, LambdaClient> lambda, OwnStack own, FootprintJudge judge) {
        this.lambda = lambda;
        this.own = own;
        this.judge = judge;
        this.signals = new AppearedFunctions(lambda, own);
    }

    @Override
    public String kind() {
        return FunctionSweeper.RESOURCE_TYPE;
    }

    @Override
    public List<Outside> list(String region) {
        List<Outside> outside = new ArrayList<>();
        for (FunctionConfiguration function : lambda.apply(region).listFunctionsPaginator().functions()) {
            Optional<FunctionArn> arn = FunctionArn.parse(function.functionArn() == null ? "" : function.functionArn());
            if (arn.isEmpty() || own.isOwnFunction(arn.get().unqualified())) {
                continue;
            }
            Optional<FootprintBreach> breach = judge.judgeFunction(arn.get().unqualified(), region,
                    value(function.memorySize()), value(function.timeout()));
            if (breach.isPresent()) {
                Instant at = AppearedFunctions.lastModified(function.lastModified()).orElse(Instant.EPOCH);
                outside.add(new Outside(arn.get().unqualified(), region, arn.get().account(), at, breach.get(),
                        List.of()));
            }
        }
        return outside;
    }

    @Override
    public Signal signal(Origin origin, String resourceId, String region, String reason) {
        return signals.signal(origin, resourceId, region, reason, Optional.empty());
    }

    private static int value(Integer number) {
        return number == null ? 0 : number;
    }
}

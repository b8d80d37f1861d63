package dev.tourniquet.flow;

import dev.tourniquet.step.Reversal;
import dev.tourniquet.step.Reversibility;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.account.AccountStepKinds;
import dev.tourniquet.step.cloudtrail.CloudTrailStepKinds;
import dev.tourniquet.step.ec2.Ec2StepKinds;
import dev.tourniquet.step.guardduty.GuardDutyStepKinds;
import dev.tourniquet.step.tampering.TamperingStepKinds;
import dev.tourniquet.step.events.ChainEventStepKinds;
import dev.tourniquet.step.iam.IamStepKinds;
import dev.tourniquet.step.lambda.LambdaStepKinds;
import dev.tourniquet.step.rds.RdsStepKinds;
import dev.tourniquet.step.batch.BatchStepKinds;
import dev.tourniquet.step.bedrock.BedrockStepKinds;
import dev.tourniquet.step.codebuild.CodeBuildStepKinds;
import dev.tourniquet.step.ecs.EcsStepKinds;
import dev.tourniquet.step.sagemaker.SageMakerStepKinds;
import dev.tourniquet.step.triggers.TriggerStepKinds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind of step Tourniquet has, by id: the one registry from a recorded step id to its kind and so to
 * its reversal. A service that brings new steps adds its kinds' list to {@link #FAMILIES}. Two kinds claiming
 * one id are a mistake caught when the catalog is built, never resolved silently.
 */
public final class StepCatalog {
    /** The kinds of each family of steps. */
    static final List<List<StepKind>> FAMILIES = List.of(IamStepKinds.all(), LambdaStepKinds.all(),
            Ec2StepKinds.all(), ChainEventStepKinds.all(), CloudTrailStepKinds.all(), GuardDutyStepKinds.all(),
            TamperingStepKinds.all(), RdsStepKinds.all(), AccountStepKinds.all(),
            EcsStepKinds.all(), CodeBuildStepKinds.all(), SageMakerStepKinds.all(), BatchStepKinds.all(),
            TriggerStepKinds.all(),
            BedrockStepKinds.all());

    private static final StepCatalog KNOWN = new StepCatalog(FAMILIES);

    private final Map<String, StepKind> byId;

    StepCatalog(List<List<StepKind>> families) {
        Map<String, StepKind> map = new LinkedHashMap<>();
        for (List<StepKind> family : families) {
            for (StepKind kind : family) {
                StepKind earlier = map.putIfAbsent(kind.id(), kind);
                if (earlier != null && !earlier.equals(kind)) {
                    throw new IllegalStateException("two step kinds claim the id '" + kind.id() + "': " + earlier
                            + " and " + kind + "; keep one in StepCatalog.FAMILIES");
                }
            }
        }
        this.byId = Map.copyOf(map);
    }

    /** The catalog of every family in {@link #FAMILIES}. */
    public static StepCatalog known() {
        return KNOWN;
    }

    public Collection<StepKind> kinds() {
        return new ArrayList<>(byId.values());
    }

    public Optional<StepKind> kind(String stepId) {
        return Optional.ofNullable(byId.get(stepId));
    }

    /** The reversal of the kind with this id; empty for an unknown or irreversible kind. */
    public Optional<Reversal> reversal(String stepId) {
        return kind(stepId).map(StepKind::reversibility).flatMap(r -> r instanceof Reversibility.Reversible reversible
                ? Optional.of(reversible.reversal()) : Optional.empty());
    }
}

package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.BatchResource;
import dev.tourniquet.signal.CodeBuildBuild;
import dev.tourniquet.signal.CodeBuildBuildBatch;
import dev.tourniquet.signal.CodeBuildProject;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.signal.WorkloadTrigger;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.Stopping;
import dev.tourniquet.step.batch.BatchStepKinds;
import dev.tourniquet.step.ecs.EcsStepKinds;
import dev.tourniquet.step.sagemaker.SageMakerStepKinds;
import dev.tourniquet.step.triggers.TriggerStepKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to do with rented compute other than a function or an instance ({@link CompromisedWorkload}): each service
 * decides its own steps (ECS {@link EcsWorkloadSteps}, CodeBuild {@link CodeBuildWorkloadSteps}, SageMaker
 * {@link SageMakerWorkloadSteps}, AWS Batch {@link BatchWorkloadSteps}); the same rules hold for all of them, and are
 * decided here first: a sample finding is recorded only; the workload itself exempt by ARN, or made by an exempt
 * principal, is recorded only; everything else is stopped first (the step that stops the spend), evidence after,
 * nothing deleted unless AllowIrreversibleActions says so; then what would start it again is cut
 * ({@link RespawnTriggerSteps}).
 */
public final class WorkloadPlaybook implements Playbook {
    private final Exemptions exemptions;
    private final EcsWorkloadSteps ecs;
    private final CodeBuildWorkloadSteps codeBuild;
    private final SageMakerWorkloadSteps sageMaker;
    private final BatchWorkloadSteps batch;
    private final RespawnTriggerSteps triggers;
    private final ReapplyPlaybook reapply;

    public WorkloadPlaybook(AwsClients clients) {
        this.exemptions = new Exemptions(clients.configuration());
        this.ecs = new EcsWorkloadSteps(clients);
        this.codeBuild = new CodeBuildWorkloadSteps(clients);
        this.sageMaker = new SageMakerWorkloadSteps(clients);
        this.batch = new BatchWorkloadSteps(clients);
        this.triggers = new RespawnTriggerSteps(clients);
        // A contained workload started or scaled up again by someone else (an ECS service, a SageMaker notebook, a Batch
        // environment or queue), or a cut trigger put back (PutTargets, EnableRule, UpdateSchedule) by anyone but a
        // release: contained again.
        this.reapply = new ReapplyPlaybook(clients, held -> ecs.again(held).or(() -> sageMaker.again(held))
                .or(() -> batch.again(held)).or(() -> triggers.again(held)));
    }

    @Override
    public boolean takes(Signal signal) {
        if (signal instanceof ContainmentUndone undone) {
            return Holds.anyOf(undone, java.util.stream.Stream.of(TriggerStepKinds.all(), EcsStepKinds.all(),
                    SageMakerStepKinds.all(), BatchStepKinds.all()).flatMap(List::stream).toList());
        }
        return signal instanceof CompromisedWorkload;
    }

    @Override
    public Plan plan(Signal signal) {
        if (signal.origin().sample()) {
            return Plan.recordOnly(signal, "GuardDuty sample finding: recorded, never enforced");
        }
        if (signal instanceof ContainmentUndone undone) {
            return reapply.plan(undone);
        }
        if (!(signal instanceof CompromisedWorkload workload)) {
            return Plan.recordOnly(signal, "not a workload: the workload function does not act on it");
        }
        Optional<String> exempt = exemption(workload);
        if (exempt.isPresent()) {
            return Plan.recordOnly(workload, "exempt: " + exempt.get());
        }
        Plan plan = switch (workload.workload()) {
            case EcsTask task -> ecs.plan(workload);
            case EcsService service -> ecs.plan(workload);
            case CodeBuildBuild build -> codeBuild.plan(workload);
            case CodeBuildBuildBatch batch -> codeBuild.plan(workload);
            case CodeBuildProject project -> codeBuild.plan(workload);
            case SageMakerResource resource -> sageMaker.plan(workload);
            case BatchResource resource -> batch.plan(workload);
            case WorkloadTrigger trigger -> triggers.cut(workload, trigger);
        };
        // Held (exposure, footprint, beyond a creator's count): the one reversible stop, nothing else (WorkloadHoldSteps).
        return workload.origin().stopsOnly() ? WorkloadHoldSteps.held(plan, workload) : withTriggersCut(plan, workload);
    }

    // What would start it again (a rule, a schedule) is cut after it is stopped, whichever service it is. A workload
    // only alerted on (its service's containment not built, or not automatic) still has its respawn triggers cut:
    // reversible, and they are what would start the next one.
    private Plan withTriggersCut(Plan plan, CompromisedWorkload workload) {
        // Only what the plan stops, and only a miner or what a contained key made (a sweep's, a late record's, the
        // footprint's chain event), has its triggers cut: an owner's project
        // or queue the key merely changed, a job left running, an owner's task stopped for a reverse shell keep the
        // owner's rules and schedules.
        boolean attackers = workload.mining() || !"aws.guardduty".equals(workload.origin().source());
        if (plan.decision() != Plan.Decision.ACT || !attackers
                || plan.steps().stream().noneMatch(Stopping.class::isInstance)) {
            return plan;
        }
        List<Step> cuts = triggers.after(workload);
        if (cuts.isEmpty()) {
            return plan;
        }
        List<Step> steps = new ArrayList<>(plan.steps());
        steps.addAll(cuts);
        return Plan.act(workload, plan.rationale(), steps);
    }

    // Exemptions by principal ARN only: the workload's own ARN, or the principal whose record made it the incident's.
    private Optional<String> exemption(CompromisedWorkload workload) {
        return exemptions.forArn(workload.workload().arn())
                .or(() -> workload.creator().flatMap(c -> exemptions.forCaller(c.principalArn())));
    }
}

package dev.tourniquet.playbook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.ContainmentUndone.HeldStep;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ec2.Ec2StepKinds;
import dev.tourniquet.step.events.EmitChainEvent;
import dev.tourniquet.step.iam.AttachUserQuarantinePolicy;
import dev.tourniquet.step.iam.IamStepKinds;
import dev.tourniquet.step.iam.QuarantinePolicies;
import dev.tourniquet.step.lambda.LambdaStepKinds;
import dev.tourniquet.step.triggers.TriggerStepKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What to do when someone other than {@code ./tourniquet release} undid a containment an open incident holds: the
 * incident's step that the change undid is run again (it reads the prior state, finds what changed, applies,
 * verifies: idempotent), and the author is contained like a tamperer, through the credential function ("Credential
 * Compromised" for the caller's key, a role session as that one session). Never the author when it is an AWS
 * service acting for the owner, one of Tourniquet's own roles or an exempt principal, or signed with no key.
 * A change that did not undo what the incident holds (another policy detached) is recorded only.
 */
final class ReapplyPlaybook {
    private static final Set<String> CONTAINABLE = Set.of("IAMUser", "AssumedRole", "Root");

    private final AwsClients clients;
    private final Exemptions exemptions;
    private final Function<HeldStep, Optional<Step>> again;

    /** @param again the step that re-applies a held step, for the kinds this function runs; empty for others */
    ReapplyPlaybook(AwsClients clients, Function<HeldStep, Optional<Step>> again) {
        this.clients = clients;
        this.exemptions = new Exemptions(clients.configuration());
        this.again = again;
    }

    Plan plan(ContainmentUndone undone) {
        if (undone.hold().isEmpty()) {
            return Plan.recordOnly(undone, undone.action() + " on " + undone.resource() + ": no open incident holds it");
        }
        // Several incidents may hold the same step on the resource: it is re-applied once.
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<HeldStep> undoneSteps = undone.hold().get().steps().stream().filter(held -> undoes(undone, held))
                .filter(held -> seen.add(held.step() + "\n" + held.target())).toList();
        List<Step> steps = undoneSteps.stream().map(again).flatMap(Optional::stream).toList();
        if (steps.isEmpty()) {
            return Plan.recordOnly(undone, undone.action() + " on " + undone.resource() + " did not undo what incident "
                    + undone.hold().get().steps().get(0).incidentId() + " holds");
        }
        // The oldest incident whose step was undone: its release undoes its own steps and these re-applications.
        String incidentId = undoneSteps.get(0).incidentId();
        List<Step> all = new ArrayList<>(steps);
        Optional<String> spared = spared(undone.caller());
        if (spared.isEmpty()) {
            all.add(containAuthor(undone, incidentId));
        }
        return Plan.act(undone, rationale(undone, incidentId, spared), all);
    }

    private static String rationale(ContainmentUndone undone, String incidentId, Optional<String> spared) {
        ContainmentUndone.Caller caller = undone.caller();
        return undone.action() + " by " + (caller.principalArn().isEmpty() ? caller.invokedBy().orElse("an unknown caller")
                : caller.principalArn()) + caller.accessKeyId().map(key -> " (key " + key + ")").orElse("")
                + " undid Tourniquet's containment of " + undone.resource() + " by incident " + incidentId
                + ": re-applied (./tourniquet release " + incidentId + " is the way to undo it); "
                + spared.map(reason -> "its author is not contained: " + reason)
                .orElse("its author is contained as a tamperer");
    }

    /** Why the caller is not contained, if it is not. */
    private Optional<String> spared(ContainmentUndone.Caller caller) {
        if (caller.isAwsService()) {
            return Optional.of("an AWS service acting for the owner");
        }
        if (caller.accessKeyId().isEmpty() || caller.principalArn().isEmpty()) {
            return Optional.of("the call was signed with no access key");
        }
        if (!CONTAINABLE.contains(caller.principalType())) {
            return Optional.of("credentials of type " + caller.principalType() + " are not contained automatically");
        }
        return exemptions.forCaller(caller.principalArn());
    }

    private Step containAuthor(ContainmentUndone undone, String incidentId) {
        ContainmentUndone.Caller caller = undone.caller();
        String key = caller.accessKeyId().orElseThrow();
        ObjectNode detail = Json.object().put("accessKeyId", key).put("principalArn", caller.principalArn())
                .put("principalType", caller.principalType()).put("resourceArn", undone.resource())
                // Caught undoing a containment itself, not only as a creator: its whole window is swept.
                .put("implication", dev.tourniquet.signal.Implication.EXPOSED.id())
                .put("reason", undone.action() + " undid Tourniquet's containment of " + undone.resource()
                        + " (incident " + incidentId + "): tampering with the defender");
        return new EmitChainEvent(clients::eventBridge, clients.configuration().busName(),
                ChainEvents.CREDENTIAL_COMPROMISED, key, detail);
    }

    /** Whether the change undid this step of the holding incident (not merely touched the same resource). */
    static boolean undoes(ContainmentUndone undone, HeldStep held) {
        String step = held.step();
        return switch (undone.action()) {
            case "UpdateAccessKey" -> step.equals(IamStepKinds.DEACTIVATE_ACCESS_KEY.id());
            case "DetachUserPolicy" -> step.equals(IamStepKinds.ATTACH_QUARANTINE_POLICY.id())
                    && undone.parameter("policyArn").equals(text(held, "policyArn"))
                    && text(held, "via").filter(AttachUserQuarantinePolicy.INLINE::equals).isEmpty();
            case "DeleteUserPolicy" -> step.equals(IamStepKinds.ATTACH_QUARANTINE_POLICY.id())
                    && undone.parameter("policyName").filter(QuarantinePolicies.USER_POLICY_NAME::equals).isPresent()
                    && text(held, "via").filter(AttachUserQuarantinePolicy.MANAGED::equals).isEmpty();
            case "DeleteRolePolicy" -> step.equals(IamStepKinds.REVOKE_ROLE_SESSIONS.id())
                    && undone.parameter("policyName").equals(text(held, "policyName"));
            case "PutFunctionConcurrency20171031", "DeleteFunctionConcurrency20171031" ->
                    step.equals(LambdaStepKinds.SET_RESERVED_CONCURRENCY_ZERO.id());
            case "UpdateEventSourceMapping20150331" -> step.equals(LambdaStepKinds.DISABLE_EVENT_SOURCE_MAPPINGS.id());
            case "UpdateFunctionUrlConfig20211031", "CreateFunctionUrlConfig20211031" ->
                    step.equals(LambdaStepKinds.LOCK_DOWN_FUNCTION_URL.id());
            case "AddPermission20150331v2" -> step.equals(LambdaStepKinds.REMOVE_PUBLIC_INVOKE_PERMISSIONS.id());
            case "PutTargets", "EnableRule" -> step.equals(LambdaStepKinds.CUT_RULES_TARGETING_FUNCTION.id())
                    || step.equals(TriggerStepKinds.CUT_RULES_STARTING_WORKLOAD.id());
            case "UpdateSchedule" -> step.equals(LambdaStepKinds.DISABLE_SCHEDULES_TARGETING_FUNCTION.id())
                    || step.equals(TriggerStepKinds.DISABLE_SCHEDULES_STARTING_WORKLOAD.id());
            case "StartInstances" -> step.equals(Ec2StepKinds.STOP_INSTANCE.id());
            case "ModifyInstanceAttribute", "ModifyNetworkInterfaceAttribute" ->
                    step.equals(Ec2StepKinds.ISOLATE_NETWORK.id());
            case "AssociateIamInstanceProfile" -> step.equals(Ec2StepKinds.REMOVE_INSTANCE_PROFILE.id());
            case "UpdateService" -> step.equals(dev.tourniquet.step.ecs.EcsStepKinds.SCALE_SERVICE_TO_ZERO.id());
            // SageMaker's own report of a held notebook in service (NotebookStateParser): started where no record
            // reached Tourniquet in time to stop it, or still Pending when that record's retries ran out.
            case "StartNotebookInstance", "NotebookInstanceInService" ->
                    step.equals(dev.tourniquet.step.sagemaker.SageMakerStepKinds.STOP_NOTEBOOK_INSTANCE.id());
            case "UpdateComputeEnvironment" ->
                    step.equals(dev.tourniquet.step.batch.BatchStepKinds.DISABLE_COMPUTE_ENVIRONMENT.id());
            case "UpdateJobQueue" -> step.equals(dev.tourniquet.step.batch.BatchStepKinds.DISABLE_JOB_QUEUE.id());
            default -> false;
        };
    }

    private static Optional<String> text(HeldStep held, String field) {
        return Optional.ofNullable(held.prior()).map(prior -> prior.path(field).asText("")).filter(s -> !s.isEmpty());
    }
}

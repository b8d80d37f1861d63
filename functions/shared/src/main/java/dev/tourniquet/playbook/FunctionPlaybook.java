package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWriter;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Shares;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.cloudtrail.CreatorLookup;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import dev.tourniquet.step.lambda.CollectFunctionEvidence;
import dev.tourniquet.step.lambda.DisableEventSourceMappings;
import dev.tourniquet.step.lambda.CutRulesTargetingFunction;
import dev.tourniquet.step.lambda.DisableSchedulesTargetingFunction;
import dev.tourniquet.step.lambda.EmitCreatorCompromised;
import dev.tourniquet.step.lambda.FunctionAliases;
import dev.tourniquet.step.lambda.LambdaClients;
import dev.tourniquet.step.lambda.LambdaStepKinds;
import dev.tourniquet.step.lambda.LockDownFunctionUrl;
import dev.tourniquet.step.lambda.RemovePublicInvokePermissions;
import dev.tourniquet.step.lambda.RevokeExecutionRoleSessions;
import dev.tourniquet.step.lambda.SetReservedConcurrencyZero;
import dev.tourniquet.step.lambda.TagFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * What to do with a compromised Lambda function. Sample findings, Tourniquet's own functions (exact ARN, or
 * CloudFormation's tag of this stack's id) and functions whose exempt tag predates the incident
 * ({@link ExemptTag}) are recorded only. Every other function is quarantined, in this order:
 * <ol>
 *   <li>reserved concurrency 0: containment, the first call;</li>
 *   <li>evidence (code package, configuration, policies, triggers, aliases, versions, tags), before anything
 *       else changes it;</li>
 *   <li>its triggers cut: event source mappings disabled, public and cross-account invoke permissions
 *       removed, public URLs switched to AWS_IAM, EventBridge rules and Scheduler schedules disabled;</li>
 *   <li>its execution role's sessions revoked, when no other function uses the role;</li>
 *   <li>tagged with the incident;</li>
 *   <li>the credential that created it named on Tourniquet's bus, so the credential function contains it
 *       (not for a function found by a sweep: that credential is contained already, and naming whoever
 *       else touched it would chain into innocent credentials).</li>
 * </ol>
 * Nothing is ever deleted.
 */
public final class FunctionPlaybook implements Playbook {
    private final AwsClients clients;
    private final Configuration configuration;
    private final Exemptions exemptions;
    private final CreatorLookup lookup;
    private final ReapplyPlaybook reapply;
    private final SharePlaybook shares;

    public FunctionPlaybook(AwsClients clients) {
        this.clients = clients;
        this.configuration = clients.configuration();
        this.exemptions = new Exemptions(configuration);
        this.lookup = new CreatorLookup(clients);
        this.reapply = new ReapplyPlaybook(clients, this::again);
        this.shares = new SharePlaybook(clients, Shares.FUNCTION_KINDS);
    }

    @Override
    public boolean takes(Signal signal) {
        if (signal instanceof ContainmentUndone undone) {
            return Holds.anyOf(undone, LambdaStepKinds.all());
        }
        return signal instanceof CompromisedFunction || signal instanceof SharedResource;
    }

    @Override
    public Plan plan(Signal signal) {
        if (signal.origin().sample()) {
            return Plan.recordOnly(signal, "GuardDuty sample finding: recorded, never enforced");
        }
        if (signal instanceof ContainmentUndone undone) {
            return reapply.plan(undone);
        }
        if (signal instanceof SharedResource shared) {
            return shares.plan(shared);
        }
        if (!(signal instanceof CompromisedFunction function)) {
            return Plan.recordOnly(signal, "not a function: the function quarantine does not act on it");
        }
        Optional<FunctionArn> arn = FunctionArn.parse(function.functionArn());
        if (arn.isEmpty()) {
            return Plan.recordOnly(signal, "not a Lambda function ARN: " + function.functionArn());
        }
        return switch (exemption(function)) {
            case ExemptTag.Verdict.Exempt exempt -> Plan.recordOnly(function, "exempt: " + exempt.reason());
            case ExemptTag.Verdict.Ignored ignored -> Plan.act(function, rationale(function) + ". " + ignored.reason(),
                    steps(function, arn.get()));
            case ExemptTag.Verdict.Absent absent -> Plan.act(function, rationale(function), steps(function, arn.get()));
        };
    }

    private ExemptTag.Verdict exemption(CompromisedFunction function) {
        Map<String, String> tags = function.facts().map(FunctionFacts::tags).orElse(Map.of());
        if (exemptions.isOwnFunction(function.functionArn(), tags)) {
            return new ExemptTag.Verdict.Exempt(function.functionName() + " is one of Tourniquet's own functions");
        }
        Optional<String> byArn = exemptions.forArn(function.functionArn());
        if (byArn.isPresent()) {
            return new ExemptTag.Verdict.Exempt(byArn.get());
        }
        Optional<Provenance> creator = function.facts().flatMap(FunctionFacts::creator);
        IncidentPrincipals incident = IncidentPrincipals.of(function.origin().time(), Stream.empty(), Stream.empty())
                .with(creator);
        return exemptions.forTags(function.functionArn(), tags,
                function.facts().map(FunctionFacts::exemptTagWriter).orElse(TagWriter.NOT_READ), incident, creator);
    }

    // A quarantined function's concurrency or triggers cut again, after someone gave them back.
    private Optional<Step> again(ContainmentUndone.HeldStep held) {
        Optional<FunctionArn> arn = FunctionArn.parse(held.target());
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        LambdaClient lambda = LambdaClients.lambda(clients, arn.get().region());
        if (LambdaStepKinds.SET_RESERVED_CONCURRENCY_ZERO.id().equals(held.step())) {
            return Optional.of(new SetReservedConcurrencyZero(lambda, arn.get()));
        }
        return Optional.ofNullable(triggerCut(held.step(), lambda, arn.get()));
    }

    // The trigger cuts, each made again whole: a step finds what is open again and cuts only that.
    private Step triggerCut(String step, LambdaClient lambda, FunctionArn arn) {
        FunctionAliases aliases = new FunctionAliases(lambda, arn);
        if (LambdaStepKinds.DISABLE_EVENT_SOURCE_MAPPINGS.id().equals(step)) {
            return new DisableEventSourceMappings(lambda, arn);
        }
        if (LambdaStepKinds.LOCK_DOWN_FUNCTION_URL.id().equals(step)) {
            return new LockDownFunctionUrl(lambda, arn, aliases);
        }
        if (LambdaStepKinds.REMOVE_PUBLIC_INVOKE_PERMISSIONS.id().equals(step)) {
            return new RemovePublicInvokePermissions(lambda, arn, aliases);
        }
        if (LambdaStepKinds.CUT_RULES_TARGETING_FUNCTION.id().equals(step)) {
            return new CutRulesTargetingFunction(LambdaClients.events(clients, arn.region()), arn, aliases);
        }
        if (LambdaStepKinds.DISABLE_SCHEDULES_TARGETING_FUNCTION.id().equals(step)) {
            return new DisableSchedulesTargetingFunction(LambdaClients.scheduler(clients, arn.region()), arn, aliases);
        }
        return null;
    }

    private static String rationale(CompromisedFunction function) {
        // Outside the footprint, its caller was named by whoever found the breach (FootprintGuard), not a sweep.
        boolean footprint = function.origin().findingType().filter(t -> t.startsWith(FootprintBreach.FINDING_PREFIX))
                .isPresent();
        return function.reason() + (function.fromSweep() && !footprint
                ? " (found by the sweep of a contained credential: no further chain event)" : "");
    }

    private List<Step> steps(CompromisedFunction function, FunctionArn arn) {
        LambdaClient lambda = LambdaClients.lambda(clients, arn.region());
        if (function.origin().stopsOnly()) {
            // Held (beyond a creator sweep's count, or by an exposure hold): the one stopping call, reversible, until
            // a person or provenance decides (confirm, release). Its triggers and evidence wait for that answer.
            return List.of(new SetReservedConcurrencyZero(lambda, arn));
        }
        FunctionAliases aliases = new FunctionAliases(lambda, arn);
        List<Step> steps = new ArrayList<>(List.of(
                new SetReservedConcurrencyZero(lambda, arn),
                new CollectFunctionEvidence(lambda, arn, aliases, configuration.endpoint().isPresent()),
                new DisableEventSourceMappings(lambda, arn),
                new RemovePublicInvokePermissions(lambda, arn, aliases),
                new LockDownFunctionUrl(lambda, arn, aliases),
                new CutRulesTargetingFunction(LambdaClients.events(clients, arn.region()), arn, aliases),
                new DisableSchedulesTargetingFunction(LambdaClients.scheduler(clients, arn.region()), arn, aliases)));
        function.roleArn().filter(role -> !exemptions.isOwnRole(role) && exemptions.forArn(role).isEmpty())
                .ifPresent(role -> steps.add(new RevokeExecutionRoleSessions(lambda, arn, role,
                        new RevokeRoleSessions(clients.iam(), RevokeExecutionRoleSessions.roleName(role)))));
        steps.add(new TagFunction(lambda, arn));
        if (!function.fromSweep()) {
            steps.add(new EmitCreatorCompromised(clients::eventBridge, configuration.busName(), arn,
                    function.facts().flatMap(FunctionFacts::creator), lookup, exemptions::forCaller,
                    function.origin().findingType().map(type -> type + ": ").orElse("") + function.reason(),
                    function.origin().firstSeen()));
        }
        return steps;
    }
}

package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.flow.BaselineRecorder;
import dev.tourniquet.flow.InstanceSweeper;
import dev.tourniquet.playbook.TamperingPlaybook;
import dev.tourniquet.records.BaselineStore;
import dev.tourniquet.signal.TamperingEventParser;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.playbook.CredentialPlaybook;
import dev.tourniquet.playbook.FunctionPlaybook;
import dev.tourniquet.playbook.InstancePlaybook;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.InstanceFacts;
import dev.tourniquet.signal.LaunchSource;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Shares;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.flow.StepCatalog;
import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.step.ec2.InstanceEnricher;
import dev.tourniquet.step.iam.IamPrincipalResolver;
import dev.tourniquet.step.lambda.FunctionInspector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The meta-test: every action a function's steps, enricher and records declare is granted to that
 * function in template.yaml, and nothing more is granted; every step is a kind of the {@link StepCatalog}
 * (so a release finds its reversal), and every kind is run by some function and granted to each that runs it. (The emulator tests check the converse from
 * the calls the code really made.)
 */
class StepPermissionsTest {
    private static final AwsClients OFFLINE = new AwsClients(Configuration.from(Map.of()));

    /** A function: its playbook, the samples it handles, and what it needs besides its steps. */
    record FunctionUnderTest(String logicalId, Function<AwsClients, Playbook> playbook, String samplePrefix,
                             List<String> besidesSteps, Function<JsonNode, ParseResult> parser) {
        FunctionUnderTest(String logicalId, Function<AwsClients, Playbook> playbook, String samplePrefix,
                          List<String> besidesSteps) {
            this(logicalId, playbook, samplePrefix, besidesSteps, new SignalParser()::parse);
        }
    }

    /** The credential function where irreversible actions are allowed: every step it may run is planned. */
    private static final AwsClients IRREVERSIBLE = new AwsClients(Configuration.from(Map.of(
            "ALLOW_IRREVERSIBLE_ACTIONS", "true")));

    /**
     * The credential function's signals: a sample's own, or, for an IAM or STS record, that record found by the
     * persistence sweep of the key that made it (the user it created is the incident's; the key's own user is not
     * denied, so a federated session is revoked on its own).
     */
    private static ParseResult persistence(JsonNode event) {
        ParseResult parsed = new SignalParser().parse(event);
        if (!(parsed instanceof ParseResult.Observed observed)) {
            return parsed;
        }
        dev.tourniquet.signal.Origin chain = new dev.tourniquet.signal.Origin("chain", "tourniquet",
                "Credential Contained", java.util.Optional.of("inc-c"), java.util.Optional.empty(), 0, "",
                "123456789012", "us-east-1", java.time.Instant.EPOCH, false);
        dev.tourniquet.signal.SweepRequest sweep = new dev.tourniquet.signal.SweepRequest(chain, "inc-c",
                "AKIAIOSFODNN7EXAMPLE", java.util.Optional.empty());
        return new ParseResult.Signals(observed.records().stream().<dev.tourniquet.signal.Signal>map(record ->
                new dev.tourniquet.signal.IamPersistence(dev.tourniquet.signal.IamPersistence.originOf(sweep, record),
                        "inc-c", sweep.accessKeyId(), record, Set.of("user/svc-backup"), java.time.Instant.EPOCH,
                        dev.tourniquet.signal.Implication.EXPOSED, java.util.Optional.empty())).toList());
    }

    /** The tampering function as deployed: Tourniquet's own stack known by exact identity (the samples' names). */
    private static final AwsClients TAMPERING = new AwsClients(Configuration.from(Map.of(
            "STACK_ID", "arn:aws:cloudformation:us-east-1:123456789012:stack/tourniquet/5b6c1a10-8a3e-11ef-9d5e-0a1b2c3d4e5f",
            "OWN_FUNCTION_NAMES", "tourniquet-contain-credential",
            "OWN_RULE_NAMES", "tourniquet-guardduty-access-key-finding")));

    static final List<FunctionUnderTest> FUNCTIONS = List.of(
            new FunctionUnderTest("ContainCredentialFunction", clients -> new CredentialPlaybook(IRREVERSIBLE),
                    "guardduty-accesskey-|guardduty-attack-sequence-|health-|tourniquet-credential-compromised|cloudtrail-iam-create-|"
                            + "cloudtrail-iam-update-login|cloudtrail-iam-enable-|cloudtrail-sts-|"
                            + "cloudtrail-iam-update-assume-role-policy|cloudtrail-iam-attach-|cloudtrail-iam-put-user-|"
                            + "cloudtrail-iam-put-role-policy\\.|cloudtrail-iam-add-user-|cloudtrail-iam-set-default-|"
                            + "cloudtrail-account-",
                    concat(concat(IamPrincipalResolver.PERMISSIONS, dev.tourniquet.flow.IdentityHold.PERMISSIONS),
                            concat(Records.PERMISSIONS, ProvenanceStore.READ_PERMISSIONS)),
                    event -> "aws.account".equals(event.path("source").asText()) ? regionsByAnIncident(event)
                            : persistence(event)),
            new FunctionUnderTest("QuarantineFunction", FunctionPlaybook::new,
                    "guardduty-lambda-|cloudtrail-lambda-|tourniquet-credential-contained",
                    concat(concat(concat(FunctionInspector.PERMISSIONS,
                                    dev.tourniquet.flow.ExposureHold.FUNCTION_PERMISSIONS),
                            concat(Records.PERMISSIONS, ProvenanceStore.READ_PERMISSIONS)),
                            dev.tourniquet.flow.FootprintInventory.FUNCTION_PERMISSIONS)),
            new FunctionUnderTest("IsolateInstanceFunction", StepPermissionsTest::enrichedInstancePlaybook,
                    "guardduty-ec2-|guardduty-runtime-|guardduty-attack-sequence-|cloudtrail-ec2-modify-snapshot|cloudtrail-ec2-modify-image|"
                            + "cloudtrail-rds-|cloudtrail-ec2-.*-key-pair", concat(concat(InstanceEnricher.PERMISSIONS,
                    InstanceSweeper.PERMISSIONS), concat(concat(Records.PERMISSIONS, ProvenanceStore.READ_PERMISSIONS),
                    concat(dev.tourniquet.flow.ExposureHold.INSTANCE_PERMISSIONS,
                            dev.tourniquet.flow.FootprintInventory.INSTANCE_PERMISSIONS)))),
            new FunctionUnderTest("UndoTamperingFunction", clients -> new TamperingPlaybook(TAMPERING),
                    "cloudtrail-cloudtrail-|cloudtrail-guardduty-|cloudtrail-lambda-put-function-concurrency-own|"
                            + "cloudtrail-events-|cloudtrail-cloudformation-|cloudtrail-iam-put-role-policy-own|"
                            + "cloudtrail-bedrock-.*-model-invocation-logging-",
                    concat(BaselineRecorder.PERMISSIONS, concat(Records.PERMISSIONS, BaselineStore.PERMISSIONS)),
                    new TamperingEventParser(TAMPERING.configuration().ownStack(), List.of())::parse),
            // Every workload a sample names: a finding's own; a record's, as the sweep of its contained key finds it
            // (then its respawn triggers are cut); where irreversible actions are allowed, so every step is planned.
            new FunctionUnderTest("StopWorkloadFunction", clients -> new dev.tourniquet.playbook.WorkloadPlaybook(
                    IRREVERSIBLE), "guardduty-ecs-|guardduty-container-|cloudtrail-ecs-|cloudtrail-codebuild-|"
                            + "cloudtrail-batch-|cloudtrail-sagemaker-|cloudtrail-events-put-targets-|"
                            + "cloudtrail-scheduler-",
                    // PutEvents: a sweep out of time continues in a "Sweep Continued" chain event (ChainEventBus).
                    concat(concat(Records.PERMISSIONS, ProvenanceStore.READ_PERMISSIONS),
                            concat(dev.tourniquet.step.events.ChainEventBus.PERMISSIONS,
                                    // and the exposure hold's and the footprint inventory's listing of workloads.
                                    concat(dev.tourniquet.flow.ExposureHold.WORKLOAD_PERMISSIONS,
                                            dev.tourniquet.flow.FootprintInventory.WORKLOAD_PERMISSIONS))),
                    StepPermissionsTest::workloads));

    /**
     * The instance playbook as it runs: on signals the enricher completed with a role and a launching
     * credential (the samples alone name neither, so they would plan no session revocation and no chain event).
     */
    private static Playbook enrichedInstancePlaybook(AwsClients clients) {
        // Where irreversible actions are allowed, so that a one-time Spot instance's termination is planned too.
        InstancePlaybook playbook = new InstancePlaybook(IRREVERSIBLE, new Ec2Clients(IRREVERSIBLE));
        Provenance launch = new Provenance("e-1", "RunInstances", java.time.Instant.EPOCH, "us-east-1", "123456789012",
                "instance", "i-1", java.util.Optional.of("AKIAIOSFODNN7EXAMPLE"),
                "arn:aws:iam::123456789012:user/deploy-bot", "IAMUser");
        return signal -> {
            if (!(signal instanceof CompromisedInstance instance)) {
                return playbook.plan(signal);
            }
            InstanceFacts facts = new InstanceFacts(Map.of(), java.util.Optional.of("arn:aws:iam::123456789012:"
                    + "instance-profile/p"), java.util.Optional.of("arn:aws:iam::123456789012:role/r"),
                    java.util.Optional.of(launch));
            // The same instance launched by each shape that relaunches (the key's) and by a one-time Spot request.
            List<Step> steps = new java.util.ArrayList<>(playbook.plan(instance.withFacts(facts)).steps());
            for (LaunchSource source : List.of(
                    new LaunchSource(LaunchSource.Kind.AUTO_SCALING_GROUP, "g", "", true, "test"),
                    new LaunchSource(LaunchSource.Kind.SPOT_FLEET, "sfr-1", "maintain", true, "test"),
                    new LaunchSource(LaunchSource.Kind.EC2_FLEET, "fleet-1", "request", true, "test"),
                    new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, "sir-1", "persistent", true, "test"),
                    new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, "sir-2", "one-time", false, "test"))) {
                steps.addAll(playbook.plan(instance.withFacts(facts.withLaunchSource(java.util.Optional.of(source))))
                        .steps());
            }
            return dev.tourniquet.playbook.Plan.act(signal, "every launch shape", steps);
        };
    }


    /**
     * The credential function's events, a region enabled read as the flow hands it on when its caller is part of an
     * incident (so that its steps are planned and their permissions checked).
     */
    private static ParseResult regionsByAnIncident(JsonNode event) {
        ParseResult parsed = new SignalParser().parse(event);
        if (parsed instanceof ParseResult.Observed observed && !observed.undone().isEmpty()) {
            return new ParseResult.Signals(observed.undone().stream().map(s -> s instanceof
                    dev.tourniquet.signal.RegionEnabled enabled ? enabled.withContainment("inc-1") : s).toList());
        }
        return parsed;
    }

    /**
     * The workload function's signals: a finding's own; a CloudTrail record's workload as the sweep of the key that
     * made it finds it; a service scaled up again as it arrives while an incident holds it at 0.
     */
    private static ParseResult workloads(JsonNode event) {
        ParseResult parsed = new SignalParser().parse(event);
        if (!(parsed instanceof ParseResult.Observed observed)) {
            return parsed;
        }
        dev.tourniquet.signal.Origin chain = new dev.tourniquet.signal.Origin("chain", "tourniquet",
                "Credential Contained", java.util.Optional.of("inc-w"), java.util.Optional.empty(), 0, "",
                "123456789012", "ap-southeast-1", java.time.Instant.EPOCH, false);
        List<dev.tourniquet.signal.Signal> signals = new java.util.ArrayList<>();
        observed.records().forEach(record -> dev.tourniquet.signal.Workload.of(record).ifPresent(workload ->
                signals.add(new dev.tourniquet.signal.CompromisedWorkload(chain, workload, "swept", false,
                        java.util.Optional.of(record)))));
        observed.undone().forEach(signal -> signals.add(signal instanceof dev.tourniquet.signal.ContainmentUndone undone
                ? undone.withHold(new dev.tourniquet.signal.ContainmentUndone.Hold(List.of(
                        new dev.tourniquet.signal.ContainmentUndone.HeldStep("inc-w",
                                (undone.resource().contains(":ecs:") ? dev.tourniquet.step.ecs.EcsStepKinds
                                        .SCALE_SERVICE_TO_ZERO : dev.tourniquet.step.triggers.TriggerStepKinds
                                        .CUT_RULES_STARTING_WORKLOAD).id(), undone.resource(), null)))) : signal));
        return new ParseResult.Signals(signals);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Set<String> declared(FunctionUnderTest function) {
        Set<String> declared = new TreeSet<>(function.besidesSteps());
        plannedSteps(function).forEach(step -> declared.addAll(step.permissions()));
        return declared;
    }

    @Test
    void everyDeclaredPermission_isGrantedAndNothingMore() {
        for (FunctionUnderTest function : FUNCTIONS) {
            Set<String> declared = declared(function);
            LeastPrivilege policy = new LeastPrivilege(TemplateRules.load(ProjectRoot.locate().resolve("template.yaml")),
                    function.logicalId());

            assertThat(policy.notGranted(declared)).as("%s: declared but not granted", function.logicalId()).isEmpty();
            assertThat(policy.granted()).as("%s: granted but never declared", function.logicalId())
                    .isSubsetOf(declared);
        }
    }

    @Test
    void everyStep_isAKindOfTheCatalog_withItsPermissionsAndAnUndo() {
        for (FunctionUnderTest function : FUNCTIONS) {
            for (Step step : plannedSteps(function)) {
                assertThat(StepCatalog.known().kind(step.id())).as(step.id()).containsSame(step.kind());
                assertThat(step.permissions()).as(step.id()).containsAll(step.kind().permissions());
                assertThat(step.undo()).as(step.id()).isNotBlank();
            }
        }
    }

    @Test
    void everyKind_isRunBySomeFunction_andGrantedToEveryFunctionThatRunsIt() {
        Set<StepKind> run = new java.util.HashSet<>();
        for (FunctionUnderTest function : FUNCTIONS) {
            LeastPrivilege policy = new LeastPrivilege(TemplateRules.load(ProjectRoot.locate()
                    .resolve("template.yaml")), function.logicalId());
            for (Step step : plannedSteps(function)) {
                run.add(step.kind());
                assertThat(policy.notGranted(new TreeSet<>(step.kind().permissions())))
                        .as("%s runs %s but is not granted", function.logicalId(), step.id()).isEmpty();
            }
        }
        assertThat(run).as("kinds no function runs (their permissions are never checked)")
                .containsExactlyInAnyOrderElementsOf(StepCatalog.known().kinds());
    }

    private static List<Step> plannedSteps(FunctionUnderTest function) {
        Playbook playbook = function.playbook().apply(OFFLINE);
        List<Step> steps = new java.util.ArrayList<>();
        for (java.nio.file.Path file : EventFiles.samples(ProjectRoot.locate())) {
            if (!file.getFileName().toString().matches("(" + function.samplePrefix() + ").*")) {
                continue;
            }
            ParseResult parsed = function.parser().apply(EventFiles.read(file));
            if (parsed instanceof ParseResult.Signals signals) {
                signals.signals().forEach(s -> steps.addAll(playbook.plan(s).steps()));
            }
            // What a key shared is planned from its record, as the sweep of the contained key finds it.
            if (parsed instanceof ParseResult.Observed observed) {
                observed.records().stream().filter(r -> Shares.TYPE.equals(r.resourceType())).forEach(r -> steps
                        .addAll(playbook.plan(new SharedResource(observed.origin(), r, "swept")).steps()));
            }
        }
        return steps;
    }
}

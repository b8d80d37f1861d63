package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.InstanceFacts;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ec2.Ec2Clients;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Instance plans are decided without AWS: clients are built but never called. */
class InstancePlaybookTest {
    private static final List<String> CONTAIN = List.of("collect-instance-evidence", "snapshot-volumes",
            "protect-evidence", "detach-from-auto-scaling-group", "isolate-network", "stop-instance",
            "remove-instance-profile", "revoke-role-sessions", "emit-credential-compromised");
    private static final List<String> ISOLATE = CONTAIN.stream().filter(s -> !s.equals("stop-instance")).toList();
    private static final String ROLE = "arn:aws:iam::123456789012:role/xmrig-ec2-role";
    private static final Provenance LAUNCH = launch("arn:aws:iam::123456789012:user/deploy-bot", "IAMUser");

    /** sample → the decision and steps once the enricher found a role and the launching key. */
    private static final Map<String, List<String>> EXPECTED = Map.of(
            "guardduty-ec2-bitcoin-tool.json", CONTAIN,
            "guardduty-ec2-bitcoin-tool-dns.json", CONTAIN,
            "guardduty-ec2-bitcoin-domain-reputation.json", CONTAIN,
            "guardduty-runtime-cryptominer-executed.json", CONTAIN,
            "guardduty-ec2-backdoor-cc.json", ISOLATE,
            "guardduty-ec2-trojan-drop-point.json", ISOLATE,
            "guardduty-ec2-malicious-file.json", ISOLATE,
            "guardduty-ec2-ssh-brute-force-victim.json", List.of());

    static List<String> instanceSamples() {
        return Samples.names().stream().filter(n -> n.startsWith("guardduty-ec2-") || n.startsWith("guardduty-runtime-"))
                .toList();
    }

    private static Provenance launch(String principalArn, String type) {
        return new Provenance("e-1", "RunInstances", Instant.EPOCH, "ap-southeast-1", "123456789012", "instance",
                "i-0123456789abcdef0", Optional.of("AKIAIOSFODNN7EXAMPLE"), principalArn, type);
    }

    private static InstancePlaybook playbook(Map<String, String> env) {
        AwsClients clients = new AwsClients(Configuration.from(Samples.withOwnStack(env)));
        return new InstancePlaybook(clients, new Ec2Clients(clients));
    }

    private static CompromisedInstance signal(String sample) {
        return (CompromisedInstance) ((ParseResult.Signals) new SignalParser().parse(Samples.load(sample)))
                .signals().get(0);
    }

    private static CompromisedInstance enriched(CompromisedInstance instance, Map<String, String> tags, String role,
                                                Provenance launcher) {
        return instance.withFacts(new InstanceFacts(tags, instance.facts().instanceProfileArn(),
                Optional.ofNullable(role), Optional.ofNullable(launcher)));
    }

    private static List<String> stepIds(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instanceSamples")
    void plan_everyInstanceSample_takesItsFamilysStepsOnThatInstanceOnly(String sample) {
        CompromisedInstance instance = enriched(signal(sample), Map.of(), ROLE, LAUNCH);

        Plan plan = playbook(Map.of()).plan(instance);

        assertThat(EXPECTED).containsKey(sample);
        assertThat(stepIds(plan)).isEqualTo(EXPECTED.get(sample));
        plan.steps().stream().filter(s -> s.id().contains("instance") || s.id().contains("volumes")
                        || s.id().contains("network") || s.id().contains("evidence"))
                .forEach(s -> assertThat(s.target()).isEqualTo(instance.instanceId()));
    }

    @Test
    void plan_victimFinding_alertsOnly() {
        Plan plan = playbook(Map.of()).plan(signal("guardduty-ec2-ssh-brute-force-victim.json"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.rationale()).contains("is the target, not the actor");
    }

    @Test
    void plan_victimTypeConfiguredAsExtra_isolates() {
        Plan plan = playbook(Map.of("EXTRA_INSTANCE_FINDING_TYPES", "Recon:EC2/Portscan, UnauthorizedAccess:EC2/SSHBruteForce"))
                .plan(signal("guardduty-ec2-ssh-brute-force-victim.json"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(stepIds(plan)).contains("isolate-network").doesNotContain("stop-instance");
    }

    @Test
    void plan_miningWithIsolateOnly_doesNotStop() {
        Plan plan = playbook(Map.of("INSTANCE_MINING_ACTION", "isolate-only")).plan(signal("guardduty-ec2-bitcoin-tool.json"));

        assertThat(stepIds(plan)).contains("isolate-network").doesNotContain("stop-instance");
        assertThat(plan.rationale()).contains("isolate-only");
    }

    @Test
    void playbook_unknownMiningAction_refusesToStart() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> playbook(Map.of("INSTANCE_MINING_ACTION", "stpo")))
                .withMessageContaining("stop or isolate-only");
    }

    @Test
    void plan_miningFindingWithTargetRole_stillActs() {
        CompromisedInstance target = signal("guardduty-runtime-cryptominer-executed.json");
        CompromisedInstance asTarget = new CompromisedInstance(target.origin(), target.instanceId(), target.region(),
                target.vpcId(), target.networkInterfaceIds(), true, true, target.reason(), target.facts());

        assertThat(stepIds(playbook(Map.of()).plan(asTarget))).contains("stop-instance");
    }

    @Test
    void plan_unlistedFindingType_recordsOnly() {
        CompromisedInstance instance = signal("guardduty-ec2-backdoor-cc.json");
        Origin origin = instance.origin();
        Origin portscan = new Origin(origin.eventId(), origin.source(), origin.detailType(), origin.findingId(),
                Optional.of("Recon:EC2/Portscan"), origin.severity(), origin.revision(), origin.accountId(),
                origin.region(), origin.time(), false);
        CompromisedInstance recon = new CompromisedInstance(portscan, instance.instanceId(), instance.region(),
                instance.vpcId(), instance.networkInterfaceIds(), false, false, "port scan", instance.facts());

        assertThat(playbook(Map.of()).plan(recon).decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void plan_exemptTagOnTheInstance_recordsOnly() {
        Plan plan = playbook(Map.of()).plan(enriched(signal("guardduty-ec2-bitcoin-tool.json"),
                Map.of("tourniquet:exempt", "lab"), ROLE, LAUNCH));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.rationale()).startsWith("exempt:");
    }

    @Test
    void plan_instanceRunningWithTourniquetsOwnRole_recordsOnly() {
        Plan plan = playbook(Map.of()).plan(enriched(signal("guardduty-ec2-bitcoin-tool.json"), Map.of(),
                "arn:aws:iam::123456789012:role/tourniquet/IsolateInstanceRole", LAUNCH));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.rationale()).contains("Tourniquet's own role");
    }

    @Test
    void plan_sampleFinding_recordsOnly() {
        CompromisedInstance instance = signal("guardduty-ec2-bitcoin-tool.json");
        Origin origin = instance.origin();
        Origin sample = new Origin(origin.eventId(), origin.source(), origin.detailType(), origin.findingId(),
                origin.findingType(), origin.severity(), origin.revision(), origin.accountId(), origin.region(),
                origin.time(), true);

        assertThat(playbook(Map.of()).plan(new CompromisedInstance(sample, instance.instanceId(), instance.region(),
                instance.vpcId(), List.of(), false, true, "sample")).decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void plan_launcherThatIsExemptOwnOrAnAwsService_isNotNamed() {
        InstancePlaybook playbook = playbook(Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::*:user/break-glass"));
        CompromisedInstance instance = signal("guardduty-ec2-bitcoin-tool.json");
        for (Provenance launcher : List.of(launch("arn:aws:iam::123456789012:user/break-glass", "IAMUser"),
                launch("arn:aws:sts::123456789012:assumed-role/tourniquet-isolate-instance/s", "AssumedRole"),
                launch("arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling",
                        "AssumedRole"))) {
            assertThat(stepIds(playbook.plan(enriched(instance, Map.of(), ROLE, launcher))))
                    .as(launcher.principalArn()).doesNotContain("emit-credential-compromised").contains("stop-instance");
        }
    }

    @Test
    void plan_exemptProfileRole_keepsItsSessions() {
        Plan plan = playbook(Map.of("EXEMPT_PRINCIPAL_ARNS", ROLE)).plan(enriched(signal("guardduty-ec2-bitcoin-tool.json"),
                Map.of(), ROLE, LAUNCH));

        assertThat(stepIds(plan)).doesNotContain("revoke-role-sessions").contains("remove-instance-profile");
    }

    @Test
    void plan_sweptInstance_isStoppedAndNamesNoCredential() {
        CompromisedInstance finding = signal("guardduty-ec2-bitcoin-tool.json");
        Origin chain = new Origin("c-1", "tourniquet", "Credential Contained", Optional.empty(),
                Optional.of("Credential Contained"), 0, "c-1", "123456789012", "us-east-1", Instant.EPOCH, false);
        CompromisedInstance swept = new CompromisedInstance(chain, finding.instanceId(), "eu-west-1", Optional.empty(),
                List.of(), false, true, "launched by a contained credential",
                InstanceFacts.NONE.withLaunchedBy(Optional.of(LAUNCH)));

        Plan plan = playbook(Map.of()).plan(swept);

        assertThat(stepIds(plan)).contains("stop-instance").doesNotContain("emit-credential-compromised");
        assertThat(plan.rationale()).startsWith("launched by a contained credential");
    }

    @Test
    void plan_findingAloneOffline_namesWhatTheEventSays() {
        Plan plan = playbook(Map.of()).plan(signal("guardduty-ec2-bitcoin-tool.json"));

        assertThat(stepIds(plan)).isEqualTo(CONTAIN.subList(0, 7));
    }
}

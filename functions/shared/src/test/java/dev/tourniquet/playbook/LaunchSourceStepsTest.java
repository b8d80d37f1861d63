package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.InstanceFacts;
import dev.tourniquet.signal.LaunchSource;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ec2.Ec2Clients;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a mining instance's plan does about what launched it: decided offline, clients never called. */
class LaunchSourceStepsTest {
    private static final List<String> EVIDENCE = List.of("collect-instance-evidence", "snapshot-volumes",
            "protect-evidence");

    private static Plan plan(LaunchSource source, boolean irreversible) {
        AwsClients clients = new AwsClients(Configuration.from(Samples.withOwnStack(irreversible
                ? Map.of("ALLOW_IRREVERSIBLE_ACTIONS", "true") : Map.of())));
        CompromisedInstance instance = (CompromisedInstance) ((ParseResult.Signals) new SignalParser()
                .parse(Samples.load("guardduty-ec2-bitcoin-tool.json"))).signals().get(0);
        InstanceFacts facts = InstanceFacts.NONE.withLaunchSource(Optional.ofNullable(source));
        return new InstancePlaybook(clients, new Ec2Clients(clients)).plan(instance.withFacts(facts));
    }

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    private static List<String> then(String... ids) {
        List<String> all = new java.util.ArrayList<>(EVIDENCE);
        all.addAll(List.of(ids));
        return all;
    }

    @Test
    void plan_noSource_detachesIsolatesAndStopsAsBefore() {
        assertThat(ids(plan(null, false))).isEqualTo(then("detach-from-auto-scaling-group", "isolate-network",
                "stop-instance", "remove-instance-profile"));
    }

    @Test
    void plan_groupTheKeyMade_scalesItToZeroFirstAndKeepsTheInstanceInIt() {
        Plan plan = plan(new LaunchSource(LaunchSource.Kind.AUTO_SCALING_GROUP, "xmrig-asg", "", true,
                "CreateAutoScalingGroup of xmrig-asg"), false);

        assertThat(ids(plan)).isEqualTo(then("scale-auto-scaling-group-to-zero", "isolate-network", "stop-instance",
                "remove-instance-profile"));
        assertThat(plan.steps().get(3).target()).isEqualTo("xmrig-asg");
        assertThat(plan.rationale()).contains("Auto Scaling group xmrig-asg", "scaled to zero");
    }

    @Test
    void plan_ownersGroup_onlyDetachesTheInstance() {
        Plan plan = plan(new LaunchSource(LaunchSource.Kind.AUTO_SCALING_GROUP, "web-tier", "", false, "tags"), false);

        assertThat(ids(plan)).isEqualTo(then("detach-from-auto-scaling-group", "isolate-network", "stop-instance",
                "remove-instance-profile"));
    }

    @Test
    void plan_maintainFleetsOfTheKey_areSetToZeroBeforeTheStop() {
        for (LaunchSource.Kind kind : List.of(LaunchSource.Kind.SPOT_FLEET, LaunchSource.Kind.EC2_FLEET)) {
            String id = kind == LaunchSource.Kind.SPOT_FLEET ? "sfr-1" : "fleet-1";
            Plan plan = plan(new LaunchSource(kind, id, "maintain", true, "created"), false);

            assertThat(ids(plan)).as(kind.name()).isEqualTo(then("set-fleet-capacity-zero",
                    "detach-from-auto-scaling-group", "isolate-network", "stop-instance", "remove-instance-profile"));
            assertThat(plan.steps().get(3).target()).isEqualTo(id);
        }
    }

    @Test
    void plan_requestFleetOfTheKey_isCancelled_andAnInstantFleetLeftAlone() {
        assertThat(ids(plan(new LaunchSource(LaunchSource.Kind.EC2_FLEET, "fleet-1", "request", true, "c"), false)))
                .startsWith("collect-instance-evidence", "snapshot-volumes", "protect-evidence", "cancel-launch-request");
        assertThat(ids(plan(new LaunchSource(LaunchSource.Kind.EC2_FLEET, "fleet-2", "instant", true, "c"), false)))
                .doesNotContain("cancel-launch-request", "set-fleet-capacity-zero");
    }

    @Test
    void plan_persistentSpotRequestOfTheKey_isCancelledAfterTheStop() {
        Plan plan = plan(new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, "sir-1", "persistent", true, "c"), false);

        assertThat(ids(plan)).isEqualTo(then("detach-from-auto-scaling-group", "isolate-network", "stop-instance",
                "cancel-launch-request", "remove-instance-profile"));
    }

    @Test
    void plan_persistentSpotRequestOfTheOwner_isLeftAlone() {
        assertThat(ids(plan(new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, "sir-1", "persistent", false, "c"),
                false))).doesNotContain("cancel-launch-request");
    }

    @Test
    void plan_oneTimeSpot_isIsolatedAndSnapshotted_andLeftRunningWithoutIrreversibleActions() {
        Plan plan = plan(new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, "sir-2", "one-time", false, "c"), false);

        assertThat(ids(plan)).isEqualTo(then("detach-from-auto-scaling-group", "isolate-network",
                "remove-instance-profile"));
        assertThat(plan.rationale()).contains("cannot be stopped", "AllowIrreversibleActions is off");
    }

    @Test
    void plan_oneTimeSpot_isTerminatedLast_whereIrreversibleActionsAreAllowed() {
        Plan plan = plan(new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, "sir-2", "one-time", true, "c"), true);

        assertThat(ids(plan)).isEqualTo(then("detach-from-auto-scaling-group", "isolate-network",
                "remove-instance-profile", "terminate-instance"));
    }

    @Test
    void plan_isolateOnly_neverScalesCancelsOrTerminates() {
        AwsClients clients = new AwsClients(Configuration.from(Samples.withOwnStack(Map.of(
                "INSTANCE_MINING_ACTION", "isolate-only", "ALLOW_IRREVERSIBLE_ACTIONS", "true"))));
        CompromisedInstance instance = (CompromisedInstance) ((ParseResult.Signals) new SignalParser()
                .parse(Samples.load("guardduty-ec2-bitcoin-tool.json"))).signals().get(0);
        for (LaunchSource source : List.of(new LaunchSource(LaunchSource.Kind.AUTO_SCALING_GROUP, "g", "", true, "c"),
                new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, "sir-2", "one-time", true, "c"))) {
            Plan plan = new InstancePlaybook(clients, new Ec2Clients(clients)).plan(instance.withFacts(
                    InstanceFacts.NONE.withLaunchSource(Optional.of(source))));
            assertThat(ids(plan)).doesNotContain("scale-auto-scaling-group-to-zero", "terminate-instance",
                    "stop-instance");
        }
    }
}

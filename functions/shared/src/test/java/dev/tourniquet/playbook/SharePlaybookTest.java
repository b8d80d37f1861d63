package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ec2.Ec2Clients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans for what a contained key shared, decided from its record alone: clients are built but never called. */
class SharePlaybookTest {
    private static final AwsClients CLIENTS = new AwsClients(Configuration.from(Samples.withOwnStack(Map.of())));
    private static final FunctionPlaybook FUNCTIONS = new FunctionPlaybook(CLIENTS);
    private static final InstancePlaybook INSTANCES = new InstancePlaybook(CLIENTS, new Ec2Clients(CLIENTS));

    // The share a sample records, as the sweep of its contained key finds it.
    private static SharedResource swept(String sample) {
        Provenance share = ((ParseResult.Observed) new SignalParser().parse(Samples.load(sample))).records().stream()
                .filter(r -> r.resourceType().equals("share")).findFirst().orElseThrow();
        SweepRequest request = ((ParseResult.Sweep) new SignalParser().parse(
                Samples.load("tourniquet-credential-contained.json"))).request();
        return new SharedResource(request.resourceOrigin(share.accountId(), share.region()), share, "shared in the window");
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(s -> s.id() + " " + s.target()).toList();
    }

    @Test
    void functionPermission_removesThatOneStatementInTheFunctionQuarantine() {
        Plan plan = FUNCTIONS.plan(swept("cloudtrail-lambda-add-permission.json"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(steps(plan)).containsExactly("remove-function-permission "
                + "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1#allow-any-invoke");
    }

    @Test
    void snapshotImageAndDatabaseShares_areTakenBackInTheInstanceIsolation() {
        assertThat(steps(INSTANCES.plan(swept("cloudtrail-ec2-modify-snapshot-attribute.json"))))
                .containsExactly("remove-snapshot-share snap-0d1e2f3a4b5c6d7e8");
        assertThat(steps(INSTANCES.plan(swept("cloudtrail-ec2-modify-image-attribute.json"))))
                .containsExactly("remove-image-share ami-0a1b2c3d4e5f60789");
        assertThat(steps(INSTANCES.plan(swept("cloudtrail-rds-modify-db-snapshot-attribute.json"))))
                .containsExactly("remove-db-snapshot-share orders-db-nightly");
        assertThat(steps(INSTANCES.plan(swept("cloudtrail-rds-modify-db-cluster-snapshot-attribute.json"))))
                .containsExactly("remove-db-cluster-snapshot-share billing-aurora-manual");
    }

    @Test
    void sharesTakenBack_removeOnlyWhatTheRecordAdded() {
        assertThat(SharePlaybook.added(swept("cloudtrail-rds-modify-db-snapshot-attribute.json").share()))
                .containsExactly("all");
        assertThat(SharePlaybook.added(swept("cloudtrail-ec2-modify-snapshot-attribute.json").share()))
                .containsExactly("444455556666");
    }

    @Test
    void keyPairsAndLayers_areAlertedOnlyAndSayHowToRemoveThem() {
        Plan keyPair = INSTANCES.plan(swept("cloudtrail-ec2-create-key-pair.json"));
        Plan layer = FUNCTIONS.plan(swept("cloudtrail-lambda-publish-layer-version.json"));

        assertThat(keyPair.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(keyPair.rationale()).contains("gpu-batch", "delete-key-pair");
        assertThat(layer.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(layer.rationale()).contains("xmrig-lib:1", "quarantined");
    }

    @Test
    void aShareOfTheOtherFunctionsKind_isRecordedOnly() {
        assertThat(FUNCTIONS.plan(swept("cloudtrail-ec2-modify-snapshot-attribute.json")).decision())
                .isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(INSTANCES.plan(swept("cloudtrail-lambda-add-permission.json")).decision())
                .isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void planSteps_declareOnlyTheirKindsPermissions() {
        Step step = INSTANCES.plan(swept("cloudtrail-rds-modify-db-snapshot-attribute.json")).steps().get(0);
        assertThat(step.permissions()).containsExactly("rds:DescribeDBSnapshotAttributes", "rds:ModifyDBSnapshotAttribute");
    }
}

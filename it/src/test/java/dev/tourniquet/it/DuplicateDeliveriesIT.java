package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * AWS Health's exposed-key event and a GuardDuty instance finding, each delivered 100 times at once: one incident
 * per resource and path, no step applied twice, and AWS changed exactly as by one delivery (one deactivation, one
 * quarantine policy, one set of snapshots, one isolation group in the VPC). Deliveries that found the incident
 * running failed as busy; Lambda's retries of them find it done ({@link Burst}).
 */
class DuplicateDeliveriesIT {
    private static final int DELIVERIES = 100;

    @Test
    void exposedKey_delivered100TimesAtOnce_leavesWhatOneDeliveryLeaves() {
        Aftermath once = exposedKey(1);

        Aftermath many = exposedKey(DELIVERIES);

        assertThat(many.incidents()).hasSize(1).containsValue(1);
        assertThat(many.changes()).containsEntry("iam:UpdateAccessKey", 1).containsEntry("iam:AttachUserPolicy", 1);
        assertThat(many.mostAppliedInOneIncident()).isEqualTo(1);
        assertThat(many).isEqualTo(once);
    }

    @Test
    void instanceFinding_delivered100TimesAtOnce_leavesWhatOneDeliveryLeaves() {
        Aftermath once = instanceFinding(1);

        Aftermath many = instanceFinding(DELIVERIES);

        assertThat(many.incidents()).as("the finding's and the sweep's").hasSize(3).allSatisfy((what, count) ->
                assertThat(count).as(what).isEqualTo(1));
        assertThat(many.changes()).containsEntry("ec2:CreateSnapshots", 1).containsEntry("ec2:CreateSecurityGroup", 1)
                .containsEntry("ec2:StopInstances", 1).containsEntry("iam:UpdateAccessKey", 1);
        assertThat(many.mostAppliedInOneIncident()).isEqualTo(1);
        assertThat(many).isEqualTo(once);
    }

    private Aftermath exposedKey(int deliveries) {
        Emulator emulator = Emulator.fresh();
        emulator.admin().iam().createUser(r -> r.userName("deploy-bot"));
        String key = emulator.admin().iam().createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
        ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) exposed.at("/detail/affectedEntities/0")).put("entityValue", key);

        Burst.deliver(emulator, Collections.nCopies(deliveries, exposed)).assertNothingLost();

        assertThat(emulator.admin().iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata())
                .singleElement().satisfies(k -> assertThat(k.status()).isEqualTo(StatusType.INACTIVE));
        assertThat(Quarantine.policies(emulator.admin().iam(), "deploy-bot")).containsExactly(Quarantine.POLICY_ARN);
        return Aftermath.of(emulator, emulator.recorder(), names(key));
    }

    private Aftermath instanceFinding(int deliveries) {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String instanceId = scene.launch(InstanceScene.REGION, scene.network(), true);
        String key = scene.launchedByDeployBot(instanceId);
        scene.emulator().recorder().clear();
        ObjectNode finding = InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, InstanceScene.REGION);

        Burst.deliver(scene.emulator(), Collections.nCopies(deliveries, finding)).assertNothingLost();

        InstanceScene.PERFORMED.addAll(scene.recorder().actions());
        assertThat(scene.snapshots(InstanceScene.REGION, instanceId)).as("one snapshot of each volume").hasSize(2);
        assertThat(scene.ec2(InstanceScene.REGION).describeSecurityGroups(r -> r.filters(
                Filter.builder().name("vpc-id").values(scene.network().vpcId()).build(),
                Filter.builder().name("tag-key").values("tourniquet:isolation").build())).securityGroups())
                .as("one isolation group in the VPC").hasSize(1);
        assertThat(scene.instance(InstanceScene.REGION, instanceId).state().name()).isEqualTo(InstanceStateName.STOPPED);
        return Aftermath.of(scene.emulator(), scene.emulator().recorder(),
                names(key).andThen(text -> text.replace(instanceId, "INSTANCE"))::apply);
    }

    private static UnaryOperator<String> names(String key) {
        return text -> text.replace(key, "KEY").replaceAll("inc-[0-9a-f]{20}", "inc");
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        InstanceScene.assertLeastPrivilege();
    }
}

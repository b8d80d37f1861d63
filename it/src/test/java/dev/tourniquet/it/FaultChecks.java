package dev.tourniquet.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.iam.model.StatusType;

/** What a run under faults left in the account, read directly from the emulator (never through the proxy). */
final class FaultChecks {
    private FaultChecks() {}

    /** Closes the run's proxy and reads what it left: dead letters, duplicates, unclassified failures. */
    static FaultRun result(String scenario, long seed, Emulator emulator, List<ObjectNode> deliveries,
                           boolean contained) {
        emulator.proxy().close();
        int deadLettered = emulator.account().takeDeadLetters().size();
        int unclassified = (int) deliveries.stream().filter(d -> d.path("unclassified").asBoolean(false)).count();
        return new FaultRun(scenario, seed, contained, deadLettered, duplicates(emulator), unclassified,
                emulator.proxy().calls(), emulator.proxy().injected());
    }

    /**
     * Things done twice: more than one incident for one resource from one source and finding type (a retried
     * chain event, a claim lost and made again), more than one isolation group in a VPC, more than one snapshot
     * of a volume.
     */
    static int duplicates(Emulator emulator) {
        Map<String, Integer> incidents = new HashMap<>();
        for (Map<String, AttributeValue> item : emulator.admin().dynamoDb()
                .scan(r -> r.tableName(emulator.configuration().tableName())).items()) {
            if ("INCIDENT".equals(text(item, "sk"))) {
                incidents.merge(text(item, "subject") + "|" + text(item, "source") + "|" + text(item, "findingType"),
                        1, Integer::sum);
            }
        }
        int duplicates = incidents.values().stream().mapToInt(n -> n - 1).sum();
        var ec2 = emulator.admin().client("ec2", Emulator.REGION, software.amazon.awssdk.services.ec2.Ec2Client::builder);
        Map<String, Integer> groupsPerVpc = new HashMap<>();
        for (SecurityGroup group : ec2.describeSecurityGroups(r -> r.filters(f -> f.name("tag-key")
                .values("tourniquet:isolation"))).securityGroups()) {
            groupsPerVpc.merge(group.vpcId(), 1, Integer::sum);
        }
        duplicates += groupsPerVpc.values().stream().mapToInt(n -> n - 1).sum();
        Map<String, Integer> snapshotsPerVolume = new HashMap<>();
        for (Snapshot snapshot : ec2.describeSnapshots(r -> r.ownerIds("self").filters(f -> f.name("tag-key")
                .values("tourniquet:instance"))).snapshots()) {
            snapshotsPerVolume.merge(snapshot.volumeId(), 1, Integer::sum);
        }
        return duplicates + snapshotsPerVolume.values().stream().mapToInt(n -> n - 1).sum();
    }

    static boolean isolatedAndStopped(InstanceScene scene, String instanceId) {
        Instance instance = scene.instance(InstanceScene.REGION, instanceId);
        return instance.state().name() == InstanceStateName.STOPPED && InstanceScene.groupIds(instance).stream()
                .allMatch(id -> scene.group(InstanceScene.REGION, id).groupName().startsWith("tourniquet-isolation-"));
    }

    /** The instance as it was before: running, in its own group, with its profile, not protected. */
    static boolean restored(InstanceScene scene, String instanceId) {
        Instance instance = scene.instance(InstanceScene.REGION, instanceId);
        return instance.state().name() == InstanceStateName.RUNNING
                && InstanceScene.groupIds(instance).equals(List.of(scene.network().webGroupId()))
                && scene.hasProfile(instanceId) && !scene.terminationProtected(instanceId);
    }

    static boolean keyInactive(Emulator emulator, String user, String key) {
        return emulator.admin().iam().listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .anyMatch(k -> k.accessKeyId().equals(key) && k.status() == StatusType.INACTIVE);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}

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
    // What each lost run (neither contained nor dead-lettered) left, by scenario and seed, for its assertion.
    private static final Map<String, String> LOST = new java.util.concurrent.ConcurrentHashMap<>();

    private FaultChecks() {}

    /** Closes the run's proxy and reads what it left: dead letters, duplicates, unclassified failures. */
    static FaultRun result(String scenario, long seed, Emulator emulator, List<ObjectNode> deliveries,
                           boolean contained) {
        emulator.proxy().close();
        int deadLettered = emulator.account().takeDeadLetters().size();
        int unclassified = (int) deliveries.stream().filter(d -> d.path("unclassified").asBoolean(false)).count();
        if (!contained && deadLettered == 0) {
            keepForDiagnosis(scenario, seed, emulator, deliveries);
        }
        return new FaultRun(scenario, seed, contained, deadLettered, duplicates(emulator), unclassified,
                emulator.proxy().calls(), emulator.proxy().injected());
    }

    /**
     * A run that lost its way silently (neither contained nor dead-lettered) leaves its deliveries and records beside
     * the figures, so that the lost step can be found from a CI log without replaying it.
     */
    private static void keepForDiagnosis(String scenario, long seed, Emulator emulator, List<ObjectNode> deliveries) {
        ObjectNode kept = dev.tourniquet.internal.Json.object().put("scenario", scenario).put("seed", seed);
        deliveries.forEach(kept.withArray("deliveries")::add);
        for (Map<String, AttributeValue> item : emulator.admin().dynamoDb()
                .scan(r -> r.tableName(emulator.configuration().tableName())).items()) {
            ObjectNode record = kept.withArray("records").addObject();
            item.forEach((name, value) -> record.put(name, value.s() != null ? value.s() : value.toString()));
        }
        java.nio.file.Path file = Emulator.root().resolve("it/target/reliability/lost")
                .resolve(scenario.replaceAll("[^A-Za-z0-9]+", "-") + "-" + seed + ".json");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, kept.toPrettyString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringBuilder summary = new StringBuilder("\n  kept in ").append(file).append("\n  deliveries:");
        for (ObjectNode delivery : deliveries) {
            com.fasterxml.jackson.databind.JsonNode response = delivery.path("response");
            summary.append("\n    ").append(delivery.path("function").asText("-")).append(" ")
                    .append(delivery.path("detailType").asText()).append(" attempts=")
                    .append(delivery.path("attempts").asText()).append(delivery.has("error")
                            ? " error=" + delivery.path("error").asText() : "")
                    .append(response.has("hop") ? " hop=" + response.path("hop").asText() : "")
                    .append(response.has("notStarted") ? " notStarted=" + response.path("notStarted").asText() : "")
                    .append(response.has("failedThisHop") ? " failedThisHop=" + response.path("failedThisHop").asText() : "")
                    .append(response.path("continuation").has("duplicate") ? " continuation=duplicate" : "");
        }
        summary.append("\n  incidents:");
        kept.withArray("records").forEach(record -> {
            if ("INCIDENT".equals(record.path("sk").asText())) {
                summary.append("\n    ").append(record.path("subject").asText()).append(" ")
                        .append(record.path("status").asText()).append(" ").append(record.path("decision").asText());
            }
        });
        LOST.put(scenario + "#" + seed, summary.toString());
        System.err.println("a run neither contained nor dead-lettered:" + summary);
    }

    /** What a lost run left, for its assertion's message (the end of a CI log shows it); empty for any other run. */
    static String diagnosis(FaultRun run) {
        return LOST.getOrDefault(run.scenario() + "#" + run.seed(), "");
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

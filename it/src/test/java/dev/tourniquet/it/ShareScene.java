package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.it.MiningScene.Deployed;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * An account whose leaked key opened and shared what the owner had: the owner's function opened to anyone
 * ({@code AddPermission} to {@code *}), an EBS snapshot and an AMI shared with the attacker's account, a DB snapshot
 * made public. Before the leak the owner had shared the snapshot, the AMI and the DB snapshot with its backup account
 * and given its function a permission of its own (an EventBridge rule of this account). Every attacker call is made
 * on the emulator and its CloudTrail record, built from the samples, delivered through the template's rules.
 */
final class ShareScene {
    static final String LAMBDA_REGION = MiningScene.WEST;
    static final String EC2_REGION = InstanceScene.REGION;
    static final String RDS_REGION = "eu-west-1";
    static final String BACKUP_ACCOUNT = "111122223333";
    static final String ATTACKER_ACCOUNT = "444455556666";
    static final String OWNER_STATEMENT = "nightly-rule";
    static final String ATTACKER_STATEMENT = "open-to-all";
    static final String DB_SNAPSHOT = "orders-db-nightly";

    private final Emulator emulator;
    final MiningScene mining;
    final Deployed function;
    final String snapshotId;
    final String imageId;

    ShareScene(Emulator emulator, WireMockServer wiremock) {
        this.emulator = emulator;
        this.mining = new MiningScene(emulator, wiremock);
        this.function = mining.owner(LAMBDA_REGION, "image-resizer", "shared-exec");
        mining.lambda(LAMBDA_REGION).addPermission(r -> r.functionName(function.name()).statementId(OWNER_STATEMENT)
                .action("lambda:InvokeFunction").principal("events.amazonaws.com")
                .sourceArn("arn:aws:events:" + LAMBDA_REGION + ":" + LocalAccount.ACCOUNT_ID + ":rule/nightly"));
        Ec2Client ec2 = ec2();
        String volume = ec2.createVolume(r -> r.availabilityZone(EC2_REGION + "a").size(8)).volumeId();
        this.snapshotId = ec2.createSnapshot(r -> r.volumeId(volume).description("orders backup")).snapshotId();
        ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                .operationType("add").userIds(BACKUP_ACCOUNT));
        String instance = ec2.runInstances(r -> r.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
        this.imageId = ec2.createImage(r -> r.instanceId(instance).name("web-golden")).imageId();
        ec2.modifyImageAttribute(r -> r.imageId(imageId).launchPermission(p -> p.add(l -> l.userId(BACKUP_ACCOUNT))));
        rds().createDBInstance(r -> r.dbInstanceIdentifier("orders-db").engine("postgres").dbInstanceClass("db.t3.micro")
                .allocatedStorage(20).masterUsername("owner").masterUserPassword("correct-horse-battery"));
        rds().createDBSnapshot(r -> r.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier(DB_SNAPSHOT));
        rds().modifyDBSnapshotAttribute(r -> r.dbSnapshotIdentifier(DB_SNAPSHOT).attributeName("restore")
                .valuesToAdd(BACKUP_ACCOUNT));
    }

    Ec2Client ec2() {
        return emulator.admin().client("ec2", EC2_REGION, Ec2Client::builder);
    }

    RdsClient rds() {
        return emulator.admin().client("rds", RDS_REGION, RdsClient::builder);
    }

    /** The leaked key opens the owner's function to anyone and shares the snapshot, the AMI and the DB snapshot. */
    void attack() {
        mining.lambda(LAMBDA_REGION).addPermission(r -> r.functionName(function.name())
                .statementId(ATTACKER_STATEMENT).action("lambda:InvokeFunction").principal("*"));
        ObjectNode permission = MiningScene.cloudTrail("cloudtrail-lambda-add-permission.json",
                new Deployed(function.arn(), function.name(), LAMBDA_REGION, function.role(), "deploy-bot",
                        mining.attackerKey, function.code()));
        ((ObjectNode) permission.at("/detail/requestParameters")).put("statementId", ATTACKER_STATEMENT)
                .put("principal", "*");
        ((ObjectNode) permission.at("/detail/responseElements")).put("statement", statement(ATTACKER_STATEMENT).toString());
        emulator.deliver(permission);

        ec2().modifySnapshotAttribute(r -> r.snapshotId(snapshotId).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                .operationType("add").userIds(ATTACKER_ACCOUNT));
        ObjectNode snapshot = attackerRecord("cloudtrail-ec2-modify-snapshot-attribute.json", EC2_REGION);
        ((ObjectNode) snapshot.at("/detail/requestParameters")).put("snapshotId", snapshotId);
        emulator.deliver(snapshot);

        ec2().modifyImageAttribute(r -> r.imageId(imageId).launchPermission(p -> p.add(l -> l.userId(ATTACKER_ACCOUNT))));
        ObjectNode image = attackerRecord("cloudtrail-ec2-modify-image-attribute.json", EC2_REGION);
        ((ObjectNode) image.at("/detail/requestParameters")).put("imageId", imageId);
        emulator.deliver(image);

        rds().modifyDBSnapshotAttribute(r -> r.dbSnapshotIdentifier(DB_SNAPSHOT).attributeName("restore").valuesToAdd("all"));
        emulator.deliver(attackerRecord("cloudtrail-rds-modify-db-snapshot-attribute.json", RDS_REGION));
    }

    /** The leaked key publishes a layer version; returns its ARN. */
    String publishLayer() {
        String arn = mining.lambda(LAMBDA_REGION).publishLayerVersion(r -> r.layerName("xmrig-lib")
                .compatibleRuntimes(software.amazon.awssdk.services.lambda.model.Runtime.PYTHON3_12)
                .content(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(function.code()))))
                .layerVersionArn();
        ObjectNode record = attackerRecord("cloudtrail-lambda-publish-layer-version.json", LAMBDA_REGION);
        ((ObjectNode) record.at("/detail/responseElements")).put("layerVersionArn", arn);
        emulator.deliver(record);
        return arn;
    }

    /** {@code f}'s deployer (not the leaked key) attaches the layer to it. */
    void attachLayer(Deployed f, String layerArn) {
        mining.lambda(f.region()).updateFunctionConfiguration(r -> r.functionName(f.name()).layers(layerArn));
        ObjectNode record = MiningScene.cloudTrail("cloudtrail-lambda-update-function-configuration-layers.json", f);
        ((ObjectNode) record.at("/detail/requestParameters")).putArray("layers").add(layerArn);
        emulator.deliver(record);
    }

    /** AWS Health's exposed-key event for the attacker's key: contain-credential, then both sweeps. */
    List<ObjectNode> containKey() {
        return emulator.deliver(exposed());
    }

    /** AWS Health's exposed-key event for the attacker's key. */
    ObjectNode exposed() {
        ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
        exposed.put("id", UUID.randomUUID().toString());
        ((ObjectNode) exposed.at("/detail/affectedEntities/0")).put("entityValue", mining.attackerKey);
        return exposed;
    }

    /** Whether the attacker's shares are gone and the owner's stay. */
    boolean takenBack() {
        return statementIds().equals(Set.of(OWNER_STATEMENT)) && snapshotSharedWith().equals(Set.of(BACKUP_ACCOUNT))
                && imageSharedWith().equals(Set.of(BACKUP_ACCOUNT)) && dbSnapshotSharedWith().equals(Set.of(BACKUP_ACCOUNT));
    }

    private ObjectNode attackerRecord(String sample, String region) {
        ObjectNode event = Emulator.sample(sample);
        event.put("id", UUID.randomUUID().toString()).put("region", region);
        ObjectNode record = (ObjectNode) event.path("detail");
        record.put("eventID", UUID.randomUUID().toString()).put("awsRegion", region);
        ((ObjectNode) record.path("userIdentity")).put("accessKeyId", mining.attackerKey).put("userName", "deploy-bot")
                .put("arn", "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/deploy-bot");
        return event;
    }

    // ---------------------------------------------------------------- the account as it is now

    Set<String> statementIds() {
        return new TreeSet<>(mining.statementIds(function));
    }

    JsonNode statement(String sid) {
        String policy = mining.lambda(LAMBDA_REGION).getPolicy(r -> r.functionName(function.name())).policy();
        for (JsonNode statement : MiningScene.read(policy).path("Statement")) {
            if (sid.equals(statement.path("Sid").asText())) {
                return statement;
            }
        }
        throw new IllegalStateException("no statement " + sid);
    }

    Set<String> snapshotSharedWith() {
        Set<String> shared = new TreeSet<>();
        for (CreateVolumePermission p : ec2().describeSnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)).createVolumePermissions()) {
            shared.add(p.group() == PermissionGroup.ALL ? "all" : p.userId());
        }
        return shared;
    }

    Set<String> imageSharedWith() {
        Set<String> shared = new TreeSet<>();
        for (LaunchPermission p : ec2().describeImageAttribute(r -> r.imageId(imageId)
                .attribute(ImageAttributeName.LAUNCH_PERMISSION)).launchPermissions()) {
            shared.add(p.group() == PermissionGroup.ALL ? "all" : p.userId());
        }
        return shared;
    }

    Set<String> dbSnapshotSharedWith() {
        Set<String> shared = new TreeSet<>();
        rds().describeDBSnapshotAttributes(r -> r.dbSnapshotIdentifier(DB_SNAPSHOT)).dbSnapshotAttributesResult()
                .dbSnapshotAttributes().stream().filter(a -> "restore".equals(a.attributeName()))
                .forEach(a -> shared.addAll(a.attributeValues()));
        return shared;
    }

    /** The incidents the sweeps opened, by subject. */
    static java.util.Map<String, String> incidents(List<ObjectNode> deliveries) {
        java.util.Map<String, String> bySubject = new java.util.TreeMap<>();
        for (ObjectNode delivery : deliveries) {
            for (JsonNode incident : delivery.path("response").path("incidents")) {
                bySubject.put(incident.path("subject").asText(), incident.path("incidentId").asText());
            }
        }
        return bySubject;
    }
}

package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;

/**
 * A CodeBuild and Batch scene on the emulator: the functions' CodeBuild and Batch calls go through
 * {@link BuildBatchStandIn} (moto cannot show a running build or job, or a compute environment's vCPU bounds); the
 * scene is built with admin clients straight on moto; CloudTrail records are the samples, pointed at what was built.
 */
final class BuildBatchScene {
    static final String FUNCTION = "StopWorkloadFunction";
    static final String REGION = Emulator.REGION;
    static final String ACCOUNT = "123456789012";
    private static BuildBatchStandIn shared;

    final Emulator emulator;
    private final BuildBatchStandIn standIn;

    private BuildBatchScene(Emulator emulator, BuildBatchStandIn standIn) {
        this.emulator = emulator;
        this.standIn = standIn;
    }

    /**
     * A scene whose functions' calls meet faults at {@code rate} (seeded): their CodeBuild and Batch calls too, the
     * stand-in passing them on through the emulator's fault proxy. Its stand-in is its own; close it after.
     */
    static BuildBatchScene faulty(double rate, long seed) {
        BuildBatchStandIn[] proxy = new BuildBatchStandIn[1];
        Emulator emulator = Emulator.faulty(c -> {
            proxy[0] = BuildBatchStandIn.in(c.endpoint().orElseThrow());
            return c.withServiceEndpoint("codebuild", proxy[0].endpoint()).withServiceEndpoint("batch",
                    proxy[0].endpoint());
        }, List.of(), rate, seed);
        proxy[0].upstream(emulator.proxy().endpoint());
        return new BuildBatchScene(emulator, proxy[0]);
    }

    static BuildBatchScene fresh(Mode mode, boolean irreversible) {
        return fresh(mode, irreversible, dev.tourniquet.internal.Footprint.parse("", "", "", ""));
    }

    /** A scene whose owner declared {@code footprint} (the spend guard judges every record by it). */
    static BuildBatchScene fresh(Mode mode, boolean irreversible, dev.tourniquet.internal.Footprint footprint) {
        Emulator emulator = Emulator.fresh(mode, List.of(), c -> {
            BuildBatchStandIn proxy = standIn(c.endpoint().orElseThrow());
            return c.toBuilder().irreversibleActions(irreversible).footprint(footprint).build()
                    .withServiceEndpoint("codebuild", proxy.endpoint()).withServiceEndpoint("batch", proxy.endpoint());
        }, List.of());
        shared.reset();
        return new BuildBatchScene(emulator, shared);
    }

    private static synchronized BuildBatchStandIn standIn(java.net.URI moto) {
        if (shared == null) {
            shared = BuildBatchStandIn.in(moto);
        }
        return shared;
    }

    BuildBatchStandIn standIn() {
        return standIn;
    }

    CodeBuildClient codeBuild() {
        return emulator.admin().client("codebuild-admin", REGION, CodeBuildClient::builder);
    }

    BatchClient batch() {
        return emulator.admin().client("batch-admin", REGION, BatchClient::builder);
    }

    /** A clean read through the stand-in, as the functions see it. */
    BatchClient batchAsSeen() {
        return emulator.admin().client("batch", REGION, BatchClient::builder);
    }

    CodeBuildClient codeBuildAsSeen() {
        return emulator.admin().client("codebuild", REGION, CodeBuildClient::builder);
    }

    // ------------------------------------------------------------------ CodeBuild

    String project(String name) {
        codeBuild().createProject(r -> r.name(name).source(s -> s.type("NO_SOURCE").location("none")
                .buildspec("version: 0.2")).artifacts(a -> a.type("NO_ARTIFACTS"))
                .environment(e -> e.type("LINUX_CONTAINER").image("aws/codebuild/standard:7.0")
                        .computeType("BUILD_GENERAL1_SMALL"))
                .serviceRole("arn:aws:iam::" + ACCOUNT + ":role/codebuild-ci"));
        return "arn:aws:codebuild:" + REGION + ":" + ACCOUNT + ":project/" + name;
    }

    /** Starts a build; returns its id ({@code PROJECT:UUID}). */
    String build(String project) {
        return codeBuild().startBuild(r -> r.projectName(project)).build().id();
    }

    static ObjectNode startBuild(String buildId, String accessKeyId) {
        return started("cloudtrail-codebuild-start-build.json", "build", "build", buildId, accessKeyId);
    }

    /** Starts a batch build (served by the stand-in: moto has no batch builds); returns its id. */
    String buildBatch(String project) {
        return standIn.startBatch(project, "arn:aws:codebuild:" + REGION + ":" + ACCOUNT + ":");
    }

    static ObjectNode startBuildBatch(String batchId, String accessKeyId) {
        return started("cloudtrail-codebuild-start-build-batch.json", "buildBatch", "build-batch", batchId,
                accessKeyId);
    }

    // A sample's StartBuild or StartBuildBatch record, naming the build or batch {@code id} in the response element.
    private static ObjectNode started(String sample, String element, String arnResource, String id,
                                      String accessKeyId) {
        ObjectNode event = TrailRecord.of(sample, REGION, accessKeyId);
        String project = id.substring(0, id.indexOf(':'));
        ((ObjectNode) event.at("/detail/requestParameters")).put("projectName", project);
        ((ObjectNode) event.at("/detail/responseElements/" + element)).put("id", id).put("projectName", project)
                .put("arn", "arn:aws:codebuild:" + REGION + ":" + ACCOUNT + ":" + arnResource + "/" + id);
        return event;
    }

    static ObjectNode projectEvent(String eventName, String project, String accessKeyId) {
        ObjectNode event = TrailRecord.of("cloudtrail-codebuild-create-project.json", REGION, accessKeyId);
        ((ObjectNode) event.path("detail")).put("eventName", eventName);
        ((ObjectNode) event.at("/detail/requestParameters")).put("name", project);
        ((ObjectNode) event.at("/detail/responseElements/project")).put("name", project)
                .put("arn", "arn:aws:codebuild:" + REGION + ":" + ACCOUNT + ":project/" + project);
        return event;
    }

    // ------------------------------------------------------------------ Batch

    /** A Fargate compute environment of {@code maxvCpus}; returns its ARN. */
    String computeEnvironment(String name, int maxvCpus) {
        var ec2 = emulator.admin().client("ec2-admin", REGION, software.amazon.awssdk.services.ec2.Ec2Client::builder);
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.1.0/24")).subnet().subnetId();
        String group = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(name + "-sg").description("batch"))
                .groupId();
        var iam = emulator.admin().iam();
        String role = iam.createRole(r -> r.roleName(name + "-service").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"batch.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        return batch().createComputeEnvironment(r -> r.computeEnvironmentName(name).type("MANAGED").state("ENABLED")
                .serviceRole(role).computeResources(c -> c.type("FARGATE").maxvCpus(maxvCpus).subnets(subnet)
                        .securityGroupIds(group))).computeEnvironmentArn();
    }

    String jobQueue(String name, String environmentArn) {
        return batch().createJobQueue(r -> r.jobQueueName(name).state("ENABLED").priority(1)
                .computeEnvironmentOrder(o -> o.order(1).computeEnvironment(environmentArn))).jobQueueArn();
    }

    /** Submits a job; the stand-in shows it running. Returns its id. */
    String runningJob(String queue) {
        String definition = batch().registerJobDefinition(r -> r.jobDefinitionName("render-" + UUID.randomUUID())
                .type("container").containerProperties(c -> c.image("busybox").vcpus(1).memory(128)
                        .command("sleep", "3600"))).jobDefinitionArn();
        String id = batch().submitJob(r -> r.jobName("render-0001").jobQueue(queue).jobDefinition(definition)).jobId();
        standIn.running(id);
        return id;
    }

    static ObjectNode environmentCreated(String arn, String accessKeyId) {
        ObjectNode event = TrailRecord.of("cloudtrail-batch-create-compute-environment.json", REGION, accessKeyId);
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        ((ObjectNode) event.at("/detail/requestParameters")).put("computeEnvironmentName", name);
        ((ObjectNode) event.at("/detail/responseElements")).put("computeEnvironmentName", name)
                .put("computeEnvironmentArn", arn);
        return event;
    }

    static ObjectNode queueCreated(String arn, String accessKeyId) {
        ObjectNode event = TrailRecord.of("cloudtrail-batch-create-job-queue.json", REGION, accessKeyId);
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        ((ObjectNode) event.at("/detail/requestParameters")).put("jobQueueName", name);
        ((ObjectNode) event.at("/detail/responseElements")).put("jobQueueName", name).put("jobQueueArn", arn);
        return event;
    }

    static ObjectNode jobSubmitted(String jobId, String accessKeyId) {
        ObjectNode event = TrailRecord.of("cloudtrail-batch-submit-job.json", REGION, accessKeyId);
        ((ObjectNode) event.at("/detail/responseElements")).put("jobId", jobId)
                .put("jobArn", "arn:aws:batch:" + REGION + ":" + ACCOUNT + ":job/" + jobId);
        return event;
    }

    /** The CloudTrail record of {@code user} (with {@code key}) enabling a compute environment again at {@code maxvCpus}. */
    static ObjectNode environmentEnabled(String arn, int maxvCpus, String user, String key) {
        ObjectNode event = Undo.byUser(Undo.of("cloudtrail-batch-update-compute-environment.json", REGION), user, key);
        Undo.request(event).put("computeEnvironment", arn).put("state", "ENABLED").putObject("computeResources")
                .put("minvCpus", 0).put("maxvCpus", maxvCpus);
        ((ObjectNode) event.at("/detail/responseElements")).put("computeEnvironmentName",
                arn.substring(arn.lastIndexOf('/') + 1)).put("computeEnvironmentArn", arn);
        return event;
    }

    /** The CloudTrail record of {@code user} (with {@code key}) enabling a job queue again. */
    static ObjectNode queueEnabled(String arn, String user, String key) {
        ObjectNode event = Undo.byUser(Undo.of("cloudtrail-batch-update-job-queue.json", REGION), user, key);
        Undo.request(event).put("jobQueue", arn.substring(arn.lastIndexOf('/') + 1)).put("state", "ENABLED");
        ((ObjectNode) event.at("/detail/responseElements")).put("jobQueueName",
                arn.substring(arn.lastIndexOf('/') + 1)).put("jobQueueArn", arn);
        return event;
    }

    // ------------------------------------------------------------------ delivering and reading

    List<ObjectNode> deliver(ObjectNode event) {
        return emulator.deliver(event);
    }

    /** The workload sweep's incidents, after "Credential Contained" for {@code key}. */
    List<JsonNode> contain(String key) {
        List<ObjectNode> deliveries = deliver(InstanceScene.contained(key));
        List<JsonNode> incidents = new ArrayList<>();
        deliveries.stream().filter(d -> d.path("rule").asText().equals("CredentialContainedWorkloadsRule"))
                .forEach(d -> d.path("response").path("incidents").forEach(incidents::add));
        return incidents;
    }

    static JsonNode incidentOf(List<JsonNode> incidents, String subject) {
        return incidents.stream().filter(i -> i.path("subject").asText().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no incident for " + subject + " in " + incidents));
    }

    /** Every call the workload function made is granted to it in template.yaml. */
    void assertLeastPrivilege() {
        org.assertj.core.api.Assertions.assertThat(Emulator.leastPrivilege(FUNCTION)
                .notGranted(emulator.recorder(FUNCTION).actions())).as("called but not granted").isEmpty();
    }
}

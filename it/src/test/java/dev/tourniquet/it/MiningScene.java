package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The motivating attack on an emulated account: the attacker user {@code deploy-bot} deploys miners in two
 * regions with the triggers that keep them running, while the user {@code owner} deploys ordinary functions.
 * Every deployment's CloudTrail records are built from the samples in {@code events/} with the emulator's
 * ids, and delivered through the template's rules (provenance). Code packages are served by WireMock,
 * where {@link #codeFromWireMock} points {@code Code.Location}.
 */
final class MiningScene {
    static final String WEST = "us-west-2";
    static final String EAST = "us-east-1";
    static final String OTHER_ACCOUNT = "210987654321";
    static final String LAMBDA_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";

    private final Emulator emulator;
    private final WireMockServer wiremock;
    final String attackerKey;
    final String ownerKey;

    /** One deployed function. */
    record Deployed(String arn, String name, String region, String role, String user, String key, byte[] code) {
    }

    MiningScene(Emulator emulator, WireMockServer wiremock) {
        this.emulator = emulator;
        this.wiremock = wiremock;
        IamClient iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        iam.createUser(r -> r.userName("owner"));
        attackerKey = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
        ownerKey = iam.createAccessKey(r -> r.userName("owner")).accessKey().accessKeyId();
        for (String role : List.of("xmrig-exec", "xmrig-exec-east", "shared-exec", "reports-exec", "scheduler-invoke")) {
            iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(LAMBDA_TRUST));
        }
    }

    /**
     * A fresh emulated account whose functions fetch code packages from {@code wiremock}
     * ({@link #codeFromWireMock}) and ask it, for CloudTrail LookupEvents, which finds nothing until a test says
     * otherwise.
     */
    static Emulator emulator(WireMockServer wiremock, Mode mode, List<String> exempt) {
        return emulator(wiremock, mode, exempt, List.of());
    }

    /** The same, the functions' clients carrying {@code more} interceptors too (for what moto cannot make). */
    static Emulator emulator(WireMockServer wiremock, Mode mode, List<String> exempt, List<ExecutionInterceptor> more) {
        wiremock.resetAll();
        CloudTrailStub.noEvents(wiremock);
        List<ExecutionInterceptor> interceptors = new java.util.ArrayList<>(List.of(codeFromWireMock(wiremock)));
        interceptors.addAll(more);
        return Emulator.fresh(mode, exempt, c -> c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl())),
                interceptors);
    }

    /** Rewrites {@code GetFunction}'s pre-signed {@code Code.Location} (an S3 URL moto cannot serve) to WireMock. */
    static ExecutionInterceptor codeFromWireMock(WireMockServer wiremock) {
        return new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof GetFunctionResponse response && response.code() != null
                        && response.code().location() != null) {
                    String location = wiremock.baseUrl() + "/code/" + response.configuration().functionName()
                            + "?X-Amz-Signature=0123456789abcdef";
                    return response.toBuilder().code(response.code().toBuilder().location(location).build()).build();
                }
                return context.response();
            }
        };
    }

    Emulator emulator() {
        return emulator;
    }

    /** The calls of one function of the template only. */
    dev.tourniquet.cli.local.OperationRecorder emulatorRecorder(String function) {
        return emulator.recorder(function);
    }

    LambdaClient lambda(String region) {
        return emulator.admin().client("lambda", region, LambdaClient::builder);
    }

    Deployed attacker(String region, String name, String role) {
        return deploy(region, name, role, "deploy-bot", attackerKey, true);
    }

    Deployed owner(String region, String name, String role) {
        return deploy(region, name, role, "owner", ownerKey, true);
    }

    /** Creates the function; {@code recorded}: its CloudTrail record reaches Tourniquet (provenance). */
    Deployed deploy(String region, String name, String role, String user, String key, boolean recorded) {
        byte[] code = zip(name);
        String roleArn = role.startsWith("arn:") ? role : "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":role/" + role;
        String arn = lambda(region).createFunction(r -> r.functionName(name).runtime("python3.12")
                .role(roleArn).handler("main.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code))).timeout(900).memorySize(3008)).functionArn();
        wiremock.stubFor(get(urlPathEqualTo("/code/" + name)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/zip").withBody(code)));
        Deployed deployed = new Deployed(arn, name, region, roleArn, user, key, code);
        if (recorded) {
            emulator.deliver(cloudTrail("cloudtrail-lambda-create-function.json", deployed));
        }
        return deployed;
    }

    /** An SQS queue feeding the function. */
    void sqsTrigger(Deployed f) {
        SqsClient sqs = emulator.admin().client("sqs", f.region(), SqsClient::builder);
        String url = sqs.createQueue(r -> r.queueName(f.name() + "-jobs")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        lambda(f.region()).createEventSourceMapping(r -> r.functionName(f.name()).eventSourceArn(queueArn)
                .batchSize(10).enabled(true));
        emulator.deliver(cloudTrail("cloudtrail-lambda-create-event-source-mapping.json", f));
    }

    /** A public URL, anyone allowed to call it, and another account allowed to invoke the function. */
    void publicUrlAndCrossAccountPermission(Deployed f) {
        LambdaClient lambda = lambda(f.region());
        lambda.createFunctionUrlConfig(r -> r.functionName(f.name()).authType(FunctionUrlAuthType.NONE));
        lambda.addPermission(r -> r.functionName(f.name()).statementId("public-url").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        lambda.addPermission(r -> r.functionName(f.name()).statementId("partner-invoke").action("lambda:InvokeFunction")
                .principal(OTHER_ACCOUNT));
        lambda.addPermission(r -> r.functionName(f.name()).statementId("own-s3-trigger").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").sourceAccount(LocalAccount.ACCOUNT_ID));
        emulator.deliver(cloudTrail("cloudtrail-lambda-create-function-url-config.json", f));
        emulator.deliver(cloudTrail("cloudtrail-lambda-add-permission.json", f));
    }

    /** The re-install loop: an EventBridge rule and a Scheduler schedule firing every 3 minutes. */
    void everyThreeMinutes(Deployed f) {
        EventBridgeClient events = emulator.admin().client("events", f.region(), EventBridgeClient::builder);
        events.putRule(r -> r.name(f.name() + "-every-3-minutes").scheduleExpression("rate(3 minutes)"));
        events.putTargets(r -> r.rule(f.name() + "-every-3-minutes").targets(t -> t.id("miner").arn(f.arn())));
        SchedulerClient scheduler = emulator.admin().client("scheduler", f.region(), SchedulerClient::builder);
        scheduler.createSchedule(r -> r.name(f.name() + "-keepalive").scheduleExpression("rate(3 minutes)")
                .flexibleTimeWindow(w -> w.mode("OFF")).description("keep the worker warm")
                .target(t -> t.arn(f.arn()).roleArn("arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":role/scheduler-invoke")
                        .input("{\"job\":\"mine\"}")));
    }

    /** The owner's rule: one schedule with the owner's own target (an SQS queue) beside the function. */
    void sharedRule(Deployed f, String ownerQueueArn) {
        EventBridgeClient events = emulator.admin().client("events", f.region(), EventBridgeClient::builder);
        events.putRule(r -> r.name("nightly-jobs").scheduleExpression("rate(1 hour)"));
        events.putTargets(r -> r.rule("nightly-jobs").targets(
                t -> t.id("owner-queue").arn(ownerQueueArn),
                t -> t.id("miner").arn(f.arn()).input("{\"job\":\"mine\"}")
                        .retryPolicy(p -> p.maximumRetryAttempts(2).maximumEventAgeInSeconds(600))));
    }

    /** The targets of the owner's shared rule, by id. */
    java.util.Map<String, software.amazon.awssdk.services.eventbridge.model.Target> sharedRuleTargets(Deployed f) {
        return emulator.admin().client("events", f.region(), EventBridgeClient::builder)
                .listTargetsByRule(r -> r.rule("nightly-jobs")).targets().stream()
                .collect(java.util.stream.Collectors.toMap(
                        software.amazon.awssdk.services.eventbridge.model.Target::id, t -> t));
    }

    RuleState sharedRuleState(Deployed f) {
        return emulator.admin().client("events", f.region(), EventBridgeClient::builder)
                .describeRule(r -> r.name("nightly-jobs")).state();
    }

    // ---------------------------------------------------------------- the account as it is now

    Integer concurrency(Deployed f) {
        return lambda(f.region()).getFunctionConcurrency(r -> r.functionName(f.name())).reservedConcurrentExecutions();
    }

    StatusType keyStatus(String user, String key) {
        return emulator.admin().iam().listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).findFirst().orElseThrow().status();
    }

    Map<String, String> tags(Deployed f) {
        return lambda(f.region()).listTags(r -> r.resource(f.arn())).tags();
    }

    List<String> mappingStates(Deployed f) {
        return lambda(f.region()).listEventSourceMappings(r -> r.functionName(f.name())).eventSourceMappings()
                .stream().map(EventSourceMappingConfiguration::state).toList();
    }

    FunctionUrlAuthType urlAuth(Deployed f) {
        return lambda(f.region()).getFunctionUrlConfig(r -> r.functionName(f.name())).authType();
    }

    List<String> statementIds(Deployed f) {
        String policy = lambda(f.region()).getPolicy(r -> r.functionName(f.name())).policy();
        return read(policy).path("Statement").findValuesAsText("Sid");
    }

    static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RuleState ruleState(Deployed f) {
        return emulator.admin().client("events", f.region(), EventBridgeClient::builder)
                .describeRule(r -> r.name(f.name() + "-every-3-minutes")).state();
    }

    ScheduleState scheduleState(Deployed f) {
        return emulator.admin().client("scheduler", f.region(), SchedulerClient::builder)
                .getSchedule(r -> r.name(f.name() + "-keepalive")).state();
    }

    List<String> rolePolicies(String role) {
        return emulator.admin().iam().listRolePolicies(r -> r.roleName(role)).policyNames();
    }

    /**
     * The exempt tag written on the function by {@code user}'s {@code key} at {@code time}, and its CloudTrail
     * record ({@code TagResource20170331v2}) delivered through the template's rules (tag provenance).
     */
    void exemptTag(Deployed f, String user, String key, String time) {
        lambda(f.region()).tagResource(r -> r.resource(f.arn()).tags(Map.of("tourniquet:exempt", "by " + user)));
        ObjectNode event = cloudTrail("cloudtrail-lambda-tag-resource.json",
                new Deployed(f.arn(), f.name(), f.region(), f.role(), user, key, f.code()));
        ((ObjectNode) event.path("detail")).put("eventTime", time);
        ((ObjectNode) event.path("detail").path("requestParameters")).put("resource", f.arn()).remove("functionName");
        emulator.deliver(event);
    }

    /** A GuardDuty Lambda finding on the function (the BitcoinTool sample, ids replaced). */
    static ObjectNode finding(Deployed f) {
        ObjectNode event = Emulator.sample("guardduty-lambda-bitcoin-tool.json");
        event.put("id", UUID.randomUUID().toString()).put("region", f.region());
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("region", f.region()).put("id", UUID.randomUUID().toString().replace("-", ""))
                .put("title", detail.path("title").asText().replace("xmrig-worker-1", f.name()));
        ((ObjectNode) detail.path("resource").path("lambdaDetails")).put("functionArn", f.arn())
                .put("functionName", f.name()).put("role", f.role());
        return event;
    }

    /** A CloudTrail record sample made to say that {@code f}'s deployer called it on {@code f}. */
    static ObjectNode cloudTrail(String sample, Deployed f) {
        ObjectNode event = Emulator.sample(sample);
        event.put("id", UUID.randomUUID().toString()).put("region", f.region());
        ObjectNode record = (ObjectNode) event.path("detail");
        record.put("eventID", UUID.randomUUID().toString()).put("awsRegion", f.region());
        ((ObjectNode) record.path("userIdentity")).put("accessKeyId", f.key()).put("userName", f.user())
                .put("arn", "arn:aws:iam::" + LocalAccount.ACCOUNT_ID + ":user/" + f.user());
        ((ObjectNode) record.path("requestParameters")).put("functionName", f.name());
        if (record.path("responseElements").has("functionArn")) {
            ((ObjectNode) record.path("responseElements")).put("functionArn", f.arn());
        }
        return event;
    }

    private static byte[] zip(String name) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("main.py"));
            zip.write(("import subprocess\n\ndef handler(event, context):\n    # " + name + ": start the miner\n"
                    + "    subprocess.run(['./xmrig', '-o', 'pool.example:3333'])\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

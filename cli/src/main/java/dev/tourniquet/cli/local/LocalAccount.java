package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.internal.Partitions;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.step.iam.QuarantinePolicies;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Tourniquet's own resources on an emulator endpoint (what {@code template.yaml} creates in AWS): the
 * incident table, the evidence bucket with Object Lock, the alert topic, the event bus, the functions' roles. Two local-only
 * queues make the hops visible: one subscribed to the alert topic, one receiving every chain event put on
 * the bus, so that {@code replay} can route chain events through the template's rules (the emulator does
 * not invoke Lambda targets).
 */
public final class LocalAccount {
    public static final String ACCOUNT_ID = "123456789012";

    /** The dead-letter queue's name in {@code template.yaml}. */
    public static final String DEAD_LETTER_QUEUE = "tourniquet-dead-letters";
    private static final String QUARANTINE_POLICY_PATH = "/tourniquet/";
    private static final String QUARANTINE_POLICY_PREFIX = "tourniquet-quarantine-";

    private static final String LAMBDA_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final AwsClients admin;
    private final String chainQueueUrl;
    private final String alertQueueUrl;
    private final String deadLetterQueueUrl;

    private LocalAccount(AwsClients admin, String chainQueueUrl, String alertQueueUrl, String deadLetterQueueUrl) {
        this.admin = admin;
        this.chainQueueUrl = chainQueueUrl;
        this.alertQueueUrl = alertQueueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /**
     * The configuration functions use against {@code endpoint}: the template's names, the local account's
     * bucket, records in {@code region}, evidence kept one day, and this stack ({@link LocalOwnStack}) in the
     * account the emulator's STS names.
     */
    public static Configuration configuration(URI endpoint, String region, Mode mode) {
        useEmulatorCredentialsIfNone();
        return configuration(endpoint, region, mode, LocalOwnStack.accountOf(endpoint, region));
    }

    /** The configuration of a plan made offline: nothing is asked, the emulator's default account is taken. */
    public static Configuration offline(String region, Mode mode) {
        useEmulatorCredentialsIfNone();
        return configuration(URI.create("http://127.0.0.1:1"), region, mode, ACCOUNT_ID);
    }

    private static Configuration configuration(URI endpoint, String region, Mode mode, String account) {
        String partition = Partitions.ofRegion(region);
        TemplateRules template = TemplateRules.load(ProjectRoot.locate().resolve("template.yaml"));
        return Configuration.defaults(region).toBuilder().mode(mode).endpoint(Optional.of(endpoint))
                .ownStack(LocalOwnStack.of(template, region, account))
                .recordsRegion(region).tableName("tourniquet-incidents")
                .bucketName("tourniquet-evidence-" + account + "-" + region)
                .topicArn("arn:" + partition + ":sns:" + region + ":" + account + ":tourniquet-alerts")
                .busName("arn:" + partition + ":events:" + region + ":" + account + ":event-bus/tourniquet")
                .evidenceRetentionDays(1).quarantinePolicyArn(quarantinePolicyArn(partition, account, region)).build();
    }

    /** The deny-all managed policy the stack creates (template.yaml QuarantinePolicy), as provisioned here. */
    public static String quarantinePolicyArn(String region) {
        return quarantinePolicyArn(Partitions.ofRegion(region), ACCOUNT_ID, region);
    }

    private static String quarantinePolicyArn(String partition, String account, String region) {
        return "arn:" + partition + ":iam::" + account + ":policy" + QUARANTINE_POLICY_PATH + QUARANTINE_POLICY_PREFIX
                + region;
    }

    /** Emulators accept any key; the SDK's default chain still needs one to sign with. */
    static void useEmulatorCredentialsIfNone() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");
        }
    }

    /** Creates what is missing and returns the account. */
    public static LocalAccount provision(Configuration configuration) {
        AwsClients admin = new AwsClients(configuration);
        String region = configuration.recordsRegion();
        createOwnRoles(admin.iam(), configuration.ownStack());
        createTable(admin.dynamoDb(), configuration.tableName());
        createQuarantinePolicy(admin, configuration.recordsRegion());
        createBucket(admin.s3(region), configuration.bucketName(), region);
        SnsClient sns = admin.sns();
        String topicArn = sns.createTopic(r -> r.name("tourniquet-alerts")).topicArn();
        SqsClient sqs = admin.client("sqs", region, SqsClient::builder);
        String alertQueue = queue(sqs, "tourniquet-local-alerts");
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn(sqs, alertQueue))
                .attributes(Map.of("RawMessageDelivery", "true")));
        EventBridgeClient events = admin.eventBridge();
        try {
            events.createEventBus(r -> r.name("tourniquet"));
        } catch (ResourceAlreadyExistsException exists) {
            // provisioned before
        }
        String chainQueue = queue(sqs, "tourniquet-local-chain");
        events.putRule(r -> r.name("tourniquet-local-capture").eventBusName("tourniquet")
                .eventPattern("{\"source\":[\"" + ChainEvents.SOURCE + "\"]}"));
        events.putTargets(r -> r.rule("tourniquet-local-capture").eventBusName("tourniquet")
                .targets(t -> t.id("capture").arn(queueArn(sqs, chainQueue))));
        return new LocalAccount(admin, chainQueue, alertQueue, queue(sqs, DEAD_LETTER_QUEUE));
    }

    /** Chain events put on the bus since the last call, as EventBridge events. */
    public List<JsonNode> takeChainEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (String body : take(chainQueueUrl)) {
            ObjectNode event = (ObjectNode) read(body);
            // The emulator leaves "account" out of delivered events; EventBridge always sets it.
            if (!event.hasNonNull("account")) {
                event.put("account", admin.configuration().ownStack().accountId());
            }
            events.add(event);
        }
        return events;
    }

    /**
     * Keeps an event whose every attempt failed on the dead-letter queue, as the record Lambda's on-failure
     * destination writes ({@code requestContext.condition RetriesExhausted}, the event as
     * {@code requestPayload}, the error as {@code responsePayload.errorMessage}).
     */
    public void deadLetter(String function, JsonNode event, String error) {
        ObjectNode record = Json.object().put("version", "1.0").put("timestamp", java.time.Instant.now().toString());
        record.putObject("requestContext").put("requestId", java.util.UUID.randomUUID().toString())
                .put("functionArn", admin.configuration().ownStack().functionArn(function))
                .put("condition", "RetriesExhausted").put("approximateInvokeCount", 3);
        record.set("requestPayload", event);
        record.putObject("responseContext").put("statusCode", 200).put("functionError", "Unhandled");
        record.putObject("responsePayload").put("errorMessage", error);
        SqsClient sqs = admin.client("sqs", admin.configuration().recordsRegion(), SqsClient::builder);
        sqs.sendMessage(r -> r.queueUrl(deadLetterQueueUrl).messageBody(Json.write(record)));
    }

    /** Dead-letter records kept since the last call. */
    public List<JsonNode> takeDeadLetters() {
        return take(deadLetterQueueUrl).stream().map(LocalAccount::read).toList();
    }

    /** Alert messages published since the last call. */
    public List<String> takeAlerts() {
        return take(alertQueueUrl);
    }

    private List<String> take(String queueUrl) {
        SqsClient sqs = admin.client("sqs", admin.configuration().recordsRegion(), SqsClient::builder);
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message message : batch) {
                bodies.add(message.body());
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return bodies;
    }

    // The functions' roles, as the template's stack has them (their exact ARNs are this stack's own roles).
    private static void createOwnRoles(IamClient iam, OwnStack own) {
        for (String arn : own.roleArns()) {
            String pathAndName = arn.substring(arn.indexOf(":role/") + ":role".length());
            String path = pathAndName.substring(0, pathAndName.lastIndexOf('/') + 1);
            String name = pathAndName.substring(pathAndName.lastIndexOf('/') + 1);
            try {
                iam.createRole(r -> r.roleName(name).path(path).assumeRolePolicyDocument(LAMBDA_TRUST));
            } catch (EntityAlreadyExistsException exists) {
                // provisioned before
            }
        }
    }

    private static void createQuarantinePolicy(AwsClients admin, String region) {
        try {
            admin.iam().createPolicy(r -> r.path(QUARANTINE_POLICY_PATH).policyName(QUARANTINE_POLICY_PREFIX + region)
                    .policyDocument(QuarantinePolicies.DENY_ALL));
        } catch (EntityAlreadyExistsException exists) {
            // provisioned before
        }
    }

    private static void createTable(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.createTable(r -> r.tableName(table).billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        } catch (ResourceInUseException exists) {
            // provisioned before
        }
    }

    private static void createBucket(S3Client s3, String bucket, String region) {
        try {
            s3.createBucket(r -> {
                r.bucket(bucket).objectLockEnabledForBucket(true);
                if (!"us-east-1".equals(region)) {
                    r.createBucketConfiguration(c -> c.locationConstraint(region));
                }
            });
        } catch (BucketAlreadyOwnedByYouException exists) {
            // provisioned before
        }
    }

    private static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    private static String queueArn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static JsonNode read(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the emulator delivered a chain event that is not JSON: " + body, e);
        }
    }
}

package dev.tourniquet.cli.simulate;

import dev.tourniquet.internal.Partitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * The EventBridge events AWS would emit during the attack, built from the realistic samples in
 * {@code events/} (whose sources {@code events/README.md} names) with the ids, names, regions and times
 * of this run: AWS Health's exposed-key event, CloudTrail records of the attacker's calls, and GuardDuty
 * findings on the key, the functions and the instance.
 */
final class AwsSignals {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Path events;
    private final Instant pushedAt;
    private final LeakedKey key;
    private final String accountId;
    private final String attackerIp;
    private final Random ids = new Random();

    AwsSignals(Path events, Instant pushedAt, LeakedKey key, String accountId, String attackerIp) {
        this.events = events;
        this.pushedAt = pushedAt;
        this.key = key;
        this.accountId = accountId;
        this.attackerIp = attackerIp;
    }

    /** AWS Health {@code AWS_RISK_CREDENTIALS_EXPOSED} for the leaked key. */
    ObjectNode exposedKey(Duration at) {
        ObjectNode event = envelope("health-risk-credentials-exposed.json", "us-east-1", at);
        event.putArray("resources").add(key.accessKeyId());
        ObjectNode detail = (ObjectNode) event.path("detail");
        String push = RFC_1123.format(pushedAt);
        detail.put("eventArn", "arn:aws:health:us-east-1::event/RISK/AWS_RISK_CREDENTIALS_EXPOSED/"
                + "AWS_RISK_CREDENTIALS_EXPOSED_" + hex(8).toUpperCase(Locale.ROOT))
                .put("startTime", push).put("lastUpdatedTime", push).put("affectedAccount", accountId);
        ObjectNode description = (ObjectNode) detail.path("eventDescription").get(0);
        description.put("latestDescription", description.path("latestDescription").asText()
                .replace("AKIAIOSFODNN7EXAMPLE", key.accessKeyId()).replace("deploy-bot", key.userName()));
        ((ObjectNode) detail.path("affectedEntities").get(0)).put("entityValue", key.accessKeyId());
        return event;
    }

    /**
     * {@code AWS API Call via CloudTrail} for one call the attacker made with the leaked key or its backdoor
     * user's key; its {@code detail} is the record CloudTrail keeps in the event history.
     */
    ObjectNode cloudTrail(CloudTrailRecord call, Duration calledAt, Duration deliveredAt) {
        LeakedKey caller = call.caller().orElse(key);
        ObjectNode event = envelope("cloudtrail-lambda-create-function.json", call.deliveredIn(), deliveredAt);
        event.put("source", "aws." + call.service());
        ObjectNode detail = (ObjectNode) event.path("detail");
        ((ObjectNode) detail.path("userIdentity")).put("principalId", caller.userId()).put("arn", caller.userArn())
                .put("accountId", accountId).put("accessKeyId", caller.accessKeyId())
                .put("userName", caller.userName());
        String host = "iam".equals(call.service()) ? "iam.amazonaws.com"
                : call.service() + "." + call.region() + ".amazonaws.com";
        detail.put("eventTime", iso(calledAt)).put("eventSource", call.service() + ".amazonaws.com")
                .put("eventName", call.eventName()).put("awsRegion", call.deliveredIn()).put("sourceIPAddress", attackerIp)
                .put("requestID", UUID.randomUUID().toString()).put("eventID", UUID.randomUUID().toString())
                .put("recipientAccountId", accountId);
        detail.set("requestParameters", call.request());
        detail.set("responseElements", call.response());
        ((ObjectNode) detail.path("tlsDetails")).put("clientProvidedHostHeader", host);
        return event;
    }

    /** GuardDuty {@code UnauthorizedAccess:IAMUser/MaliciousIPCaller}: the leaked key used from a known bad address. */
    ObjectNode keyFinding(Duration firstCall, String api, String apiService, Duration at) {
        return keyFinding(key, firstCall, api, apiService, at);
    }

    /** The same finding on another key of the attacker (its backdoor user's, used from the same address). */
    ObjectNode keyFinding(LeakedKey key, Duration firstCall, String api, String apiService, Duration at) {
        ObjectNode event = finding("guardduty-accesskey-malicious-ip-caller.json", "us-east-1", firstCall, at);
        ObjectNode detail = (ObjectNode) event.path("detail");
        ((ObjectNode) detail.at("/resource/accessKeyDetails")).put("accessKeyId", key.accessKeyId())
                .put("principalId", key.userId()).put("userName", key.userName());
        ObjectNode call = (ObjectNode) detail.at("/service/action/awsApiCallAction");
        call.put("api", api).put("serviceName", apiService);
        ((ObjectNode) call.path("remoteIpDetails")).put("ipAddressV4", attackerIp);
        detail.put("title", "API " + api + " was invoked from a known malicious IP address.")
                .put("description", "API " + api + " was invoked from a known malicious IP address " + attackerIp
                        + " by IAM principal " + key.userName() + ".");
        return event;
    }

    /** GuardDuty {@code CryptoCurrency:Lambda/BitcoinTool.B} on a mining function. */
    ObjectNode functionFinding(FunctionConfiguration function, String region, Duration firstRun, Duration at) {
        ObjectNode event = finding("guardduty-lambda-bitcoin-tool.json", region, firstRun, at);
        ObjectNode detail = (ObjectNode) event.path("detail");
        ObjectNode lambda = (ObjectNode) detail.at("/resource/lambdaDetails");
        lambda.put("functionArn", function.functionArn()).put("functionName", function.functionName())
                .put("description", function.description()).put("lastModifiedAt", iso(firstRun))
                .put("revisionId", function.revisionId()).put("functionVersion", "$LATEST")
                .put("role", function.role());
        // The mining functions run outside any VPC: a real finding then has no VPC details.
        lambda.remove("vpcConfig");
        detail.put("title", "Lambda function " + function.functionName() + " is querying IP address 203.0.113.200"
                + " that is associated with cryptocurrency-related activity.")
                .put("description", "Lambda function " + function.functionName() + " is querying IP address"
                        + " 203.0.113.200 that is associated with Bitcoin or other cryptocurrency-related activity.");
        return event;
    }

    /** GuardDuty {@code CryptoCurrency:EC2/BitcoinTool.B} on the GPU instance, as the instance is now. */
    ObjectNode instanceFinding(Instance instance, String region, Duration launched, Duration at) {
        ObjectNode event = finding("guardduty-ec2-bitcoin-tool.json", region, launched, at);
        ObjectNode detail = (ObjectNode) event.path("detail");
        ObjectNode details = (ObjectNode) detail.at("/resource/instanceDetails");
        details.put("instanceId", instance.instanceId()).put("instanceType", instance.instanceTypeAsString())
                .put("launchTime", iso(launched)).put("imageId", instance.imageId())
                .put("availabilityZone", instance.placement().availabilityZone())
                .put("instanceState", instance.state().nameAsString());
        if (instance.iamInstanceProfile() == null) {
            details.remove("iamInstanceProfile");
        }
        details.set("networkInterfaces", interfaces(instance));
        ArrayNode tags = details.putArray("tags");
        instance.tags().forEach(t -> tags.addObject().put("key", t.key()).put("value", t.value()));
        detail.put("title", "EC2 instance " + instance.instanceId() + " is communicating with a Bitcoin-related IP"
                + " address 203.0.113.200.")
                .put("description", "EC2 instance " + instance.instanceId() + " is querying IP address 203.0.113.200"
                        + " that is associated with Bitcoin or other cryptocurrency-related activity.");
        return event;
    }

    private static ArrayNode interfaces(Instance instance) {
        ArrayNode interfaces = Json.MAPPER.createArrayNode();
        instance.networkInterfaces().forEach(eni -> {
            ObjectNode node = interfaces.addObject().put("networkInterfaceId", eni.networkInterfaceId())
                    .put("privateIpAddress", eni.privateIpAddress()).put("privateDnsName", eni.privateDnsName())
                    .put("subnetId", eni.subnetId()).put("vpcId", eni.vpcId());
            node.putArray("ipv6Addresses");
            node.putArray("privateIpAddresses").addObject().put("privateIpAddress", eni.privateIpAddress())
                    .put("privateDnsName", eni.privateDnsName());
            ArrayNode groups = node.putArray("securityGroups");
            eni.groups().forEach(g -> groups.addObject().put("groupName", g.groupName()).put("groupId", g.groupId()));
            if (eni.association() != null && eni.association().publicIp() != null) {
                node.put("publicIp", eni.association().publicIp());
            }
        });
        return interfaces;
    }

    // A new finding: fresh ids, this run's region and times; first seen when the activity began.
    /** GuardDuty AI Protection {@code Impact:IAMUser/CostHarvesting} (severity Low): the leaked key spent on a model. */
    ObjectNode modelFinding(Duration firstCall, String model, Duration at) {
        ObjectNode event = finding("guardduty-accesskey-cost-harvesting.json", "us-east-1", firstCall, at);
        ObjectNode detail = (ObjectNode) event.path("detail");
        ((ObjectNode) detail.at("/resource/accessKeyDetails")).put("accessKeyId", key.accessKeyId())
                .put("principalId", key.userId()).put("userName", key.userName());
        ((ObjectNode) detail.at("/resource/modelDetails/0")).put("modelId", model);
        ((ObjectNode) detail.at("/service/action/awsApiCallAction/remoteIpDetails")).put("ipAddressV4", attackerIp);
        detail.put("title", "Amazon Bedrock models invoked at an unusual cost by " + key.accessKeyId());
        return event;
    }

    private ObjectNode finding(String sample, String region, Duration firstSeen, Duration at) {
        ObjectNode event = envelope(sample, region, at);
        ObjectNode detail = (ObjectNode) event.path("detail");
        String id = hex(16);
        String detector = detail.path("service").path("detectorId").asText();
        detail.put("accountId", accountId).put("region", region).put("id", id)
                .put("arn", "arn:" + Partitions.ofRegion(region) + ":guardduty:" + region + ":" + accountId + ":detector/" + detector + "/finding/" + id)
                .put("createdAt", iso(at)).put("updatedAt", iso(at));
        ((ObjectNode) detail.path("service")).put("eventFirstSeen", iso(firstSeen)).put("eventLastSeen", iso(at))
                .put("count", 1);
        return event;
    }

    private ObjectNode envelope(String sample, String region, Duration at) {
        ObjectNode event = read(sample);
        event.put("id", UUID.randomUUID().toString()).put("account", accountId).put("region", region)
                .put("time", pushedAt.plus(at).truncatedTo(ChronoUnit.SECONDS).toString());
        return event;
    }

    private String iso(Duration at) {
        return pushedAt.plus(at).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private String hex(int bytes) {
        byte[] random = new byte[bytes];
        ids.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private ObjectNode read(String sample) {
        try {
            JsonNode node = Json.MAPPER.readTree(events.resolve(sample).toFile());
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample event " + events.resolve(sample), e);
        }
    }
}

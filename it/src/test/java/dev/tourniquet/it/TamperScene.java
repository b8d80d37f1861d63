package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.function.tampering.UndoTamperingHandler;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.OwnStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An account Tourniquet defends, as the tampering function sees it: Tourniquet's own stack (its functions, rules and
 * roles by exact identity), one of its functions with reserved concurrency, one of its rules, a logging multi-region
 * trail, an enabled GuardDuty detector (behind {@link GuardDutyStandIn}), and the attacker's stolen key.
 */
final class TamperScene {
    static final String REGION = Emulator.REGION;
    static final String ACCOUNT = LocalAccount.ACCOUNT_ID;
    static final String STACK = "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT
            + ":stack/tourniquet/5b6c1a10-8a3e-11ef-9d5e-0a1b2c3d4e5f";
    static final String OWN_FUNCTION = "tourniquet-contain-credential";
    static final String OWN_RULE = "tourniquet-guardduty-access-key-finding";
    static final String TRAIL = "management-events";
    static final String OWN_TARGET = "ContainCredentialFunctionGuardDutyAccessKeyFindingLambdaTarget";
    static final String DEPLOY_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/github-deploy";
    static final OwnStack OWN = new OwnStack(STACK, Set.of(OWN_FUNCTION, "tourniquet-undo-tampering"),
            Set.of(OWN_RULE, "tourniquet-tamper-own-rules", "tourniquet-tamper-own-rules-watch"),
            Set.of("arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-UndoTamperingFunctionRole-Q1w2E3"),
            Set.of());

    final Emulator emulator;
    final String detectorId;
    final String attackerKey;

    private TamperScene(Emulator emulator) {
        this.emulator = emulator;
        IamClient iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        attackerKey = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
        iam.createRole(r -> r.roleName("tourniquet-exec").assumeRolePolicyDocument(LAMBDA_TRUST));
        lambda().createFunction(r -> r.functionName(OWN_FUNCTION).runtime("java21").handler("x::handleRequest")
                .role("arn:aws:iam::" + ACCOUNT + ":role/tourniquet-exec")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip()))));
        lambda().putFunctionConcurrency(r -> r.functionName(OWN_FUNCTION).reservedConcurrentExecutions(5));
        events().putRule(r -> r.name(OWN_RULE).eventPattern("{\"source\":[\"aws.guardduty\"]}"));
        events().putTargets(r -> r.rule(OWN_RULE).targets(t -> t.id(OWN_TARGET)
                .arn("arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + OWN_FUNCTION + ":live")));
        S3Client s3 = emulator.admin().s3(REGION);
        s3.createBucket(r -> r.bucket("trail-logs-" + ACCOUNT));
        cloudTrail().createTrail(r -> r.name(TRAIL).s3BucketName("trail-logs-" + ACCOUNT).isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true));
        cloudTrail().startLogging(r -> r.name(TRAIL));
        cloudTrail().putInsightSelectors(r -> r.trailName(TRAIL).insightSelectors(i -> i.insightType("ApiCallRateInsight")));
        detectorId = guardDuty().createDetector(r -> r.enable(true)
                .features(f -> f.name("S3_DATA_EVENTS").status("ENABLED"))).detectorId();
    }

    /** A fresh emulated account with Tourniquet's own stack, whose GuardDuty calls go through the stand-in. */
    static TamperScene fresh(WireMockServer wiremock, List<String> deployPrincipals) {
        return new TamperScene(Emulator.fresh(dev.tourniquet.internal.Mode.ENFORCE, List.of(),
                configure(wiremock, deployPrincipals), List.of()));
    }

    /** The same under the fault proxy (GuardDuty still through its stand-in). */
    static TamperScene faulty(WireMockServer wiremock, double rate, long seed) {
        return new TamperScene(Emulator.faulty(configure(wiremock, List.of()), List.of(), rate, seed));
    }

    private static UnaryOperator<Configuration> configure(WireMockServer wiremock, List<String> deployPrincipals) {
        return c -> {
            GuardDutyStandIn.in(wiremock, c.endpoint().orElseThrow());
            return c.toBuilder().ownStack(OWN).deployPrincipalArns(deployPrincipals).build()
                    .withServiceEndpoint("guardduty", URI.create(wiremock.baseUrl()))
                    .withServiceEndpoint("cloudformation", URI.create(wiremock.baseUrl()));
        };
    }

    /** The scheduled baseline, run as its schedule runs it. */
    JsonNode baseline() {
        ObjectNode scheduled = Emulator.sample("cloudtrail-cloudtrail-stop-logging.json").deepCopy();
        scheduled.removeAll();
        scheduled.put("version", "0").put("id", UUID.randomUUID().toString()).put("detail-type", "Scheduled Event")
                .put("source", "aws.events").put("account", ACCOUNT).put("time", java.time.Instant.now().toString())
                .put("region", REGION).putObject("detail");
        // Recorded as the function's own calls: the least-privilege check covers the baseline's reads too.
        return UndoTamperingHandler.baseline(new AwsClients(emulator.configuration(),
                List.of(emulator.recorder("UndoTamperingFunction")))).run(scheduled);
    }

    /** A sample tampering event as {@code deploy-bot} with its stolen key made it, fresh ids. */
    ObjectNode byAttacker(String sample) {
        ObjectNode event = Emulator.sample(sample);
        ObjectNode detail = (ObjectNode) event.path("detail");
        ((ObjectNode) detail.path("userIdentity")).put("accessKeyId", attackerKey);
        String id = UUID.randomUUID().toString();
        event.put("id", id);
        detail.put("eventID", UUID.randomUUID().toString());
        if (detail.path("requestParameters").has("detectorId")) {
            ((ObjectNode) detail.path("requestParameters")).put("detectorId", detectorId);
        }
        return event;
    }

    /** The same call made by someone else: {@code identity} replaces the caller. */
    ObjectNode by(String sample, ObjectNode identity) {
        ObjectNode event = byAttacker(sample);
        ((ObjectNode) event.path("detail")).set("userIdentity", identity);
        return event;
    }

    boolean attackerKeyInactive() {
        return emulator.admin().iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata().stream()
                .anyMatch(k -> k.accessKeyId().equals(attackerKey) && k.status() == StatusType.INACTIVE);
    }

    boolean logging() {
        return Boolean.TRUE.equals(cloudTrail().getTrailStatus(r -> r.name(TRAIL)).isLogging());
    }

    String detectorStatus() {
        return guardDuty().getDetector(r -> r.detectorId(detectorId)).statusAsString();
    }

    String ruleState() {
        return events().describeRule(r -> r.name(OWN_RULE)).stateAsString();
    }

    Integer concurrency() {
        return lambda().getFunctionConcurrency(r -> r.functionName(OWN_FUNCTION)).reservedConcurrentExecutions();
    }

    CloudTrailClient cloudTrail() {
        return emulator.admin().client("cloudtrail", REGION, CloudTrailClient::builder);
    }

    GuardDutyClient guardDuty() {
        return emulator.admin().client("guardduty", REGION, GuardDutyClient::builder);
    }

    EventBridgeClient events() {
        return emulator.admin().client("events", REGION, EventBridgeClient::builder);
    }

    LambdaClient lambda() {
        return emulator.admin().client("lambda", REGION, LambdaClient::builder);
    }

    private static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("placeholder.txt"));
            zip.write("Tourniquet's own function, as the emulator holds it".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static final String LAMBDA_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
}

package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.internal.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * The signals the simulation emits are read by Tourniquet's own parsers as the real events are: the
 * functions that act on them (present or still to come) get the key, function and instance of this run.
 */
class AwsSignalsTest {
    private static final Path EVENTS = Path.of(System.getProperty("tourniquet.root", "..")).resolve("events");
    private static final Instant PUSHED = Instant.parse("2026-11-23T12:00:00Z");
    private static final LeakedKey KEY = new LeakedKey("AKIAZZZZZZZZZZZZZZZZ", "secret", "deploy-bot",
            "arn:aws:iam::123456789012:user/deploy-bot", "AIDAZZZZZZZZZZZZZZZZZ");
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-2:123456789012:function:xmrig-worker-1";

    private final AwsSignals signals = new AwsSignals(EVENTS, PUSHED, KEY, "123456789012", "203.0.113.54");
    private final SignalParser parser = new SignalParser();

    @Test
    void exposedKey_isTheLeakedKeysHealthEvent() {
        ObjectNode event = signals.exposedKey(Duration.ofSeconds(67));

        assertThat(event.path("time").asText()).isEqualTo("2026-11-23T12:01:07Z");
        ParseResult.Signals parsed = (ParseResult.Signals) parser.parse(event);
        assertThat(parsed.signals()).singleElement().isInstanceOfSatisfying(CompromisedAccessKey.class,
                key -> assertThat(key.accessKeyId()).isEqualTo(KEY.accessKeyId()));
        assertThat(event.at("/detail/eventDescription/0/latestDescription").asText()).contains(KEY.accessKeyId())
                .doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void cloudTrail_createFunction_recordsWhichKeyMadeWhichFunction() {
        ObjectNode response = Json.object().put("functionArn", FUNCTION_ARN).put("functionName", "xmrig-worker-1");
        CloudTrailRecord call = new CloudTrailRecord("lambda", "CreateFunction20150331", "us-east-2",
                Json.object().put("functionName", "xmrig-worker-1"), response);

        ObjectNode event = signals.cloudTrail(call, Duration.ofSeconds(61), Duration.ofSeconds(241));

        assertThat(event.path("source").asText()).isEqualTo("aws.lambda");
        assertThat(event.path("time").asText()).isEqualTo("2026-11-23T12:04:01Z");
        ParseResult.Observed parsed = (ParseResult.Observed) parser.parse(event);
        Provenance provenance = parsed.records().get(0);
        assertThat(provenance.resourceId()).isEqualTo(FUNCTION_ARN);
        assertThat(provenance.accessKeyId()).contains(KEY.accessKeyId());
        assertThat(provenance.principalArn()).isEqualTo(KEY.userArn());
        assertThat(provenance.time()).isEqualTo(PUSHED.plusSeconds(61));
    }

    @Test
    void cloudTrail_runInstances_recordsTheInstance() {
        ObjectNode response = Json.object();
        response.putObject("instancesSet").putArray("items").addObject().put("instanceId", "i-0abc");
        CloudTrailRecord call = new CloudTrailRecord("ec2", "RunInstances", "us-west-2", Json.object(), response);

        ParseResult.Observed parsed = (ParseResult.Observed) parser.parse(signals.cloudTrail(call, Duration.ofSeconds(60),
                Duration.ofSeconds(240)));

        assertThat(parsed.records()).extracting(Provenance::resourceId).containsExactly("i-0abc");
    }

    @Test
    void functionFinding_namesThisRunsFunction() {
        FunctionConfiguration function = FunctionConfiguration.builder().functionArn(FUNCTION_ARN)
                .functionName("xmrig-worker-1").role("arn:aws:iam::123456789012:role/xmrig-exec").revisionId("r1")
                .description("nightly batch worker").build();

        ObjectNode event = signals.functionFinding(function, "us-east-2", Duration.ofSeconds(62), Duration.ofSeconds(362));

        assertThat(event.path("region").asText()).isEqualTo("us-east-2");
        assertThat(event.at("/detail/resource/lambdaDetails").has("vpcConfig")).isFalse();
        ParseResult.Signals parsed = (ParseResult.Signals) parser.parse(event);
        assertThat(parsed.signals()).singleElement().isInstanceOfSatisfying(CompromisedFunction.class, f -> {
            assertThat(f.functionArn()).isEqualTo(FUNCTION_ARN);
            assertThat(f.region()).isEqualTo("us-east-2");
        });
    }

    @Test
    void instanceFinding_namesThisRunsInstanceAndItsInterfaces() {
        Instance instance = Instance.builder().instanceId("i-0abc").instanceType("g4dn.12xlarge").imageId("ami-1")
                .placement(p -> p.availabilityZone("us-west-2a")).state(s -> s.name("running"))
                .networkInterfaces(n -> n.networkInterfaceId("eni-1").privateIpAddress("10.0.0.5").subnetId("subnet-1")
                        .vpcId("vpc-1").groups(g -> g.groupId("sg-1").groupName("default")))
                .build();

        ObjectNode event = signals.instanceFinding(instance, "us-west-2", Duration.ofSeconds(60), Duration.ofSeconds(360));

        assertThat(event.at("/detail/resource/instanceDetails").has("iamInstanceProfile")).isFalse();
        ParseResult.Signals parsed = (ParseResult.Signals) parser.parse(event);
        assertThat(parsed.signals()).singleElement().isInstanceOfSatisfying(CompromisedInstance.class, i -> {
            assertThat(i.instanceId()).isEqualTo("i-0abc");
            assertThat(i.region()).isEqualTo("us-west-2");
            assertThat(i.networkInterfaceIds()).containsExactly("eni-1");
            assertThat(i.mining()).isTrue();
        });
    }

    @Test
    void keyFinding_eachRunAFreshFindingOnTheLeakedKey() {
        ObjectNode first = signals.keyFinding(Duration.ofSeconds(60), "GetUser", "iam.amazonaws.com",
                Duration.ofSeconds(360));
        ObjectNode second = signals.keyFinding(Duration.ofSeconds(60), "GetUser", "iam.amazonaws.com",
                Duration.ofSeconds(360));

        assertThat(first.at("/detail/id").asText()).isNotEqualTo(second.at("/detail/id").asText());
        ParseResult.Signals parsed = (ParseResult.Signals) parser.parse(first);
        assertThat(parsed.signals()).singleElement().isInstanceOfSatisfying(CompromisedAccessKey.class,
                key -> assertThat(key.accessKeyId()).isEqualTo(KEY.accessKeyId()));
    }

    @Test
    void cloudTrail_iamCallOfTheLeakedKey_isDeliveredInUsEast1AsTheKeysProvenance() {
        ObjectNode response = Json.object();
        response.putObject("accessKey").put("accessKeyId", "AKIABACKDOORKEY00001").put("status", "Active")
                .put("userName", "svc-backup").put("createDate", "Nov 23, 2026 12:01:00 PM");
        CloudTrailRecord call = new CloudTrailRecord("iam", "CreateAccessKey", "us-east-1",
                Json.object().put("userName", "svc-backup"), response);

        ObjectNode event = signals.cloudTrail(call, Duration.ofSeconds(61), Duration.ofSeconds(241));

        assertThat(event.path("source").asText()).isEqualTo("aws.iam");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.at("/detail/eventSource").asText()).isEqualTo("iam.amazonaws.com");
        assertThat(event.at("/detail/tlsDetails/clientProvidedHostHeader").asText()).isEqualTo("iam.amazonaws.com");
        ParseResult.Observed parsed = (ParseResult.Observed) parser.parse(event);
        assertThat(parsed.records()).anySatisfy(p -> {
            assertThat(p.resourceId()).contains("AKIABACKDOORKEY00001");
            assertThat(p.accessKeyId()).contains(KEY.accessKeyId());
        });
    }

    @Test
    void cloudTrail_callOfTheBackdoorKey_namesTheBackdoorUserAsCaller() {
        LeakedKey backdoor = new LeakedKey("AKIABACKDOORKEY00001", "s", "svc-backup",
                "arn:aws:iam::123456789012:user/svc-backup", "AIDABACKDOOR0000001");
        ObjectNode response = Json.object().put("functionArn", FUNCTION_ARN).put("functionName", "xmrig-worker-1");
        CloudTrailRecord call = new CloudTrailRecord("lambda", "CreateFunction20150331", "us-east-2",
                Json.object().put("functionName", "xmrig-worker-1"), response, java.util.Optional.of(backdoor));

        ObjectNode event = signals.cloudTrail(call, Duration.ofSeconds(70), Duration.ofSeconds(250));

        assertThat(event.at("/detail/userIdentity/accessKeyId").asText()).isEqualTo(backdoor.accessKeyId());
        assertThat(event.at("/detail/userIdentity/userName").asText()).isEqualTo("svc-backup");
        ParseResult.Observed parsed = (ParseResult.Observed) parser.parse(event);
        assertThat(parsed.records().get(0).principalArn()).isEqualTo(backdoor.userArn());
    }

    @Test
    void keyFinding_onTheBackdoorKey_isAFindingOnThatKey() {
        LeakedKey backdoor = new LeakedKey("AKIABACKDOORKEY00001", "s", "svc-backup",
                "arn:aws:iam::123456789012:user/svc-backup", "AIDABACKDOOR0000001");

        ObjectNode event = signals.keyFinding(backdoor, Duration.ofSeconds(68), "CreateFunction",
                "lambda.amazonaws.com", Duration.ofSeconds(368));

        assertThat(event.at("/detail/resource/accessKeyDetails/userName").asText()).isEqualTo("svc-backup");
        ParseResult.Signals parsed = (ParseResult.Signals) parser.parse(event);
        assertThat(parsed.signals()).singleElement().isInstanceOfSatisfying(CompromisedAccessKey.class,
                key -> assertThat(key.accessKeyId()).isEqualTo(backdoor.accessKeyId()));
    }
}

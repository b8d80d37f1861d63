package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.OwnStack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TamperingEventParserTest {
    static final OwnStack OWN = new OwnStack(
            "arn:aws:cloudformation:us-east-1:123456789012:stack/tourniquet/5b6c1a10-8a3e-11ef-9d5e-0a1b2c3d4e5f",
            Set.of("tourniquet-contain-credential"), Set.of("tourniquet-guardduty-access-key-finding"),
            Set.of("arn:aws:iam::123456789012:role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12",
                    "arn:aws:iam::123456789012:role/tourniquet/tourniquet-UndoTamperingFunctionRole-Q1w2E3"), Set.of());
    private final TamperingEventParser parser = new TamperingEventParser(OWN, List.of());

    /** The samples the tampering rules deliver. */
    static boolean isTampering(String name) {
        // The heartbeat's own TagResource samples are not tampering (HeartbeatReturnTest reads them).
        return name.matches("cloudtrail-(cloudtrail|guardduty|events|cloudformation)-.*")
                && !name.startsWith("cloudtrail-events-tag-resource-")
                && !UndoEventParserTest.RESOURCES.containsKey(name)
                || name.equals("cloudtrail-lambda-put-function-concurrency-own.json")
                || name.equals("cloudtrail-iam-put-role-policy-own.json")
                || name.matches("cloudtrail-bedrock-.*-model-invocation-logging-configuration.*");
    }

    static List<String> samples() {
        return Samples.names().stream().filter(TamperingEventParserTest::isTampering).toList();
    }

    private static final Map<String, Weakening> EXPECTED = Map.ofEntries(
            Map.entry("cloudtrail-cloudtrail-stop-logging.json", Weakening.TRAIL_STOPPED),
            Map.entry("cloudtrail-cloudtrail-delete-trail.json", Weakening.TRAIL_DELETED),
            Map.entry("cloudtrail-cloudtrail-update-trail-single-region.json", Weakening.TRAIL_NARROWED),
            Map.entry("cloudtrail-cloudtrail-put-event-selectors-no-management.json", Weakening.EVENT_SELECTORS_NARROWED),
            Map.entry("cloudtrail-cloudtrail-put-insight-selectors-empty.json", Weakening.INSIGHT_SELECTORS_CHANGED),
            Map.entry("cloudtrail-guardduty-update-detector-disable.json", Weakening.DETECTOR_DISABLED),
            Map.entry("cloudtrail-guardduty-delete-detector.json", Weakening.DETECTOR_DELETED),
            Map.entry("cloudtrail-guardduty-create-filter-archive.json", Weakening.ARCHIVE_FILTER_CREATED),
            Map.entry("cloudtrail-guardduty-create-ip-set.json", Weakening.TRUSTED_IP_SET),
            Map.entry("cloudtrail-guardduty-disassociate-from-administrator.json", Weakening.ADMINISTRATOR_DISASSOCIATED),
            Map.entry("cloudtrail-lambda-put-function-concurrency-own.json", Weakening.OWN_FUNCTION_CONCURRENCY),
            Map.entry("cloudtrail-events-disable-rule-own.json", Weakening.OWN_RULE_DISABLED),
            Map.entry("cloudtrail-events-remove-targets-own.json", Weakening.OWN_RULE_RETARGETED),
            Map.entry("cloudtrail-cloudformation-update-termination-protection.json", Weakening.OWN_STACK_UNPROTECTED),
            Map.entry("cloudtrail-iam-put-role-policy-own.json", Weakening.OWN_RESOURCE_CHANGED),
            Map.entry("cloudtrail-bedrock-delete-model-invocation-logging-configuration.json",
                    Weakening.MODEL_LOGGING_DELETED),
            Map.entry("cloudtrail-bedrock-put-model-invocation-logging-configuration-weakened.json",
                    Weakening.MODEL_LOGGING_WEAKENED));

    private Tampering tampering(ObjectNode event) {
        ParseResult result = parser.parse(event);
        assertThat(result).as(result.toString()).isInstanceOf(ParseResult.Signals.class);
        return (Tampering) ((ParseResult.Signals) result).signals().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void parse_everyTamperingSample_givesItsWeakening(String name) {
        Tampering tampering = tampering(Samples.load(name));
        assertThat(tampering.weakening()).isEqualTo(EXPECTED.get(name));
        assertThat(tampering.caller().accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
        assertThat(tampering.region()).isEqualTo("us-east-1");
    }

    @Test
    void ownResources_areNamedByExactArn() {
        assertThat(tampering(Samples.load("cloudtrail-lambda-put-function-concurrency-own.json")).resource())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:tourniquet-contain-credential");
        assertThat(tampering(Samples.load("cloudtrail-cloudformation-update-termination-protection.json")).resource())
                .isEqualTo(OWN.stackId());
        assertThat(tampering(Samples.load("cloudtrail-cloudtrail-stop-logging.json")).baselineKey())
                .isEqualTo("trail#us-east-1#management-events");
    }

    @Test
    void tourniquetsOwnRole_isNeverATamperer() {
        ObjectNode event = Samples.load("cloudtrail-lambda-put-function-concurrency-own.json");
        ((ObjectNode) event.at("/detail/userIdentity")).put("type", "AssumedRole")
                .put("arn", "arn:aws:sts::123456789012:assumed-role/tourniquet-UndoTamperingFunctionRole-Q1w2E3/tourniquet-undo-tampering");
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void deployPrincipal_byRoleSession_isIgnored() {
        ObjectNode event = Samples.load("cloudtrail-cloudtrail-stop-logging.json");
        ((ObjectNode) event.at("/detail/userIdentity")).put("type", "AssumedRole")
                .put("arn", "arn:aws:sts::123456789012:assumed-role/github-deploy/run-42");
        TamperingEventParser withDeployers = new TamperingEventParser(OWN, List.of("arn:aws:iam::123456789012:role/github-*"));
        assertThat(withDeployers.parse(event)).isInstanceOf(ParseResult.Ignored.class);
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Signals.class);
    }

    @Test
    void eventSelectorsStillRecordingManagementWrites_areNotTampering() {
        ObjectNode event = Samples.load("cloudtrail-cloudtrail-put-event-selectors-no-management.json");
        ((ObjectNode) event.at("/detail/requestParameters/eventSelectors/0")).put("includeManagementEvents", true);
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
        ((ObjectNode) event.at("/detail/requestParameters/eventSelectors/0")).put("readWriteType", "ReadOnly");
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Signals.class);
    }

    @Test
    void detectorFeatureTurnedOff_isTampering() {
        ObjectNode event = Samples.load("cloudtrail-guardduty-update-detector-disable.json");
        ObjectNode request = (ObjectNode) event.at("/detail/requestParameters");
        request.remove("enable");
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
        request.putArray("features").addObject().put("name", "EKS_AUDIT_LOGS").put("status", "DISABLED");
        assertThat(tampering(event).weakening()).isEqualTo(Weakening.DETECTOR_DISABLED);
    }

    @Test
    void filterThatDoesNotArchive_isNotTampering() {
        ObjectNode event = Samples.load("cloudtrail-guardduty-create-filter-archive.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("action", "NOOP");
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void awsServiceCaller_isParsedWithoutArn() {
        ObjectNode event = Samples.load("cloudtrail-cloudtrail-stop-logging.json");
        ((ObjectNode) event.path("detail")).set("userIdentity", dev.tourniquet.internal.Json.object()
                .put("type", "AWSService").put("invokedBy", "config.amazonaws.com"));
        assertThat(tampering(event).caller().isAwsService()).isTrue();
    }
}

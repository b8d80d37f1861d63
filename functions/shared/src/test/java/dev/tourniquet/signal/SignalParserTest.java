package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignalParserTest {
    private final SignalParser parser = new SignalParser();

    static List<String> samples() {
        return Samples.names();
    }

    /** What each family of sample must parse into; negatives are well-formed but not Tourniquet's. */
    private static Class<?> expectedKind(String name) {
        // A rule or schedule pointed at compute is its caller's provenance too (what it undid rides with it).
        if (name.equals("cloudtrail-events-put-targets-ecs.json") || name.equals("cloudtrail-scheduler-update-schedule-ecs.json")
                || name.equals("cloudtrail-events-put-targets-codepipeline.json")) {
            return ParseResult.Observed.class;
        }
        if (UndoEventParserTest.RESOURCES.containsKey(name)) {
            return ParseResult.Signals.class;
        }
        // A policy put on a role is IAM provenance too (what it widened), whoever's role it is; the tampering function
        // reads the same record as tampering when the role is Tourniquet's own.
        if (name.equals("cloudtrail-iam-put-role-policy-own.json")) {
            return ParseResult.Observed.class;
        }
        // Not Tourniquet's signals: the heartbeat reads its own events from the raw delivery; tampering records are
        // read by the tampering function's own parser (TamperingEventParserTest).
        if (name.startsWith("guardduty-s3-") || name.startsWith("scheduled-") || name.startsWith("cloudtrail-events-")
                || TamperingEventParserTest.isTampering(name)) {
            return ParseResult.Ignored.class;
        }
        if (name.startsWith("tourniquet-resource-outside-footprint")) {
            return ParseResult.OutsideFootprint.class;
        }
        // The spend brakes; an alarm back to OK brakes nothing.
        if (name.equals("cloudwatch-alarm-lambda-concurrency-ok.json")) {
            return ParseResult.Ignored.class;
        }
        if (name.startsWith("ce-anomaly-") || name.startsWith("cloudwatch-alarm-")) {
            return ParseResult.Brake.class;
        }
        if (name.startsWith("tourniquet-resource-of-contained-credential")) {
            return ParseResult.LateRecord.class;
        }
        // SageMaker's report of a notebook in service.
        if (name.startsWith("sagemaker-notebook-instance-")) {
            return ParseResult.InService.class;
        }
        if (name.startsWith("cloudtrail-")) {
            return ParseResult.Observed.class;
        }
        if (name.startsWith("tourniquet-credential-contained") || name.startsWith("tourniquet-sweep-continued")) {
            return ParseResult.Sweep.class;
        }
        return ParseResult.Signals.class;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void parse_everySample_givesItsFamilysResultAndNeverRejects(String name) {
        ParseResult result = parser.parse(Samples.load(name));

        assertThat(result).isInstanceOf(expectedKind(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void parse_everySignalSample_namesTheResourceOfItsFamily(String name) {
        if (!(parser.parse(Samples.load(name)) instanceof ParseResult.Signals signals)) {
            return;
        }
        if (signals.signals().isEmpty()) {
            // A finding that names nothing to act on (a container without its task) says why instead.
            assertThat(signals.refused()).as(name).isNotEmpty();
            return;
        }
        Signal signal = signals.signals().get(0);
        if (name.startsWith("guardduty-lambda-")) {
            assertThat(signal).isInstanceOfSatisfying(CompromisedFunction.class, f -> {
                assertThat(f.functionArn()).isEqualTo("arn:aws:lambda:us-west-2:" + signal.origin().accountId()
                        + ":function:xmrig-worker-1");
                assertThat(f.region()).isEqualTo("us-west-2");
            });
        } else if (name.startsWith("guardduty-ec2-") || name.startsWith("guardduty-runtime-")) {
            assertThat(signal).isInstanceOfSatisfying(CompromisedInstance.class,
                    i -> assertThat(i.instanceId()).startsWith("i-"));
        } else if (name.startsWith("guardduty-ecs-")) {
            assertThat(signal).isInstanceOfSatisfying(CompromisedWorkload.class,
                    w -> assertThat(w.workload()).isInstanceOf(EcsTask.class));
        } else if (UndoEventParserTest.RESOURCES.containsKey(name)) {
            assertThat(signal.subject()).isEqualTo(UndoEventParserTest.RESOURCES.get(name));
        } else {
            assertThat(signal.signalType()).isIn("access_key", "role_session", "root");
        }
        assertThat(signal.origin().accountId()).isEqualTo(name.contains("member-account") ? "111122223333"
                : "123456789012");
        assertThat(signal.origin().deliveredTo()).isEqualTo("123456789012");
    }

    @Test
    void parse_exposedKeyHealthEvent_givesTheKeyWithItsOwnerUnknown() {
        ParseResult result = parser.parse(Samples.load("health-risk-credentials-exposed.json"));

        CompromisedAccessKey key = (CompromisedAccessKey) ((ParseResult.Signals) result).signals().get(0);
        assertThat(key.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(key.principal().name()).isEmpty();
        assertThat(key.origin().findingType()).contains("AWS_RISK_CREDENTIALS_EXPOSED");
    }

    @Test
    void parse_healthEventListingTwoKeys_givesOneSignalPerKey() {
        ObjectNode event = Samples.load("health-risk-credentials-exposed.json");
        event.withArray("/detail/affectedEntities").addObject().put("entityValue", "AKIAI44QH8DHBEXAMPLE");

        ParseResult.Signals signals = (ParseResult.Signals) parser.parse(event);

        assertThat(signals.signals()).extracting(Signal::subject)
                .containsExactly("AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE");
    }

    @Test
    void parse_userKeyFinding_givesTheKeyAndItsUser() {
        ParseResult result = parser.parse(Samples.load("guardduty-accesskey-malicious-ip-caller.json"));

        CompromisedAccessKey key = (CompromisedAccessKey) ((ParseResult.Signals) result).signals().get(0);
        assertThat(key.principal().name()).contains("deploy-bot");
        assertThat(key.principal().arn()).contains("arn:aws:iam::123456789012:user/deploy-bot");
        assertThat(key.origin().sample()).isFalse();
    }

    @Test
    void parse_instanceCredentialExfiltration_givesTheRoleSession() {
        ParseResult result = parser.parse(Samples.load("guardduty-accesskey-credential-exfiltration.json"));

        assertThat(((ParseResult.Signals) result).signals().get(0)).isInstanceOfSatisfying(
                CompromisedRoleSession.class, s -> {
                    assertThat(s.accessKeyId()).startsWith("ASIA");
                    assertThat(s.principal().name()).contains("web-instance-role");
                });
    }

    @Test
    void parse_rootCredentialUsage_givesRoot() {
        ParseResult result = parser.parse(Samples.load("guardduty-accesskey-root-credential-usage.json"));

        assertThat(((ParseResult.Signals) result).signals().get(0)).isInstanceOf(CompromisedRoot.class);
    }

    @Test
    void parse_sampleFinding_isMarkedSample() {
        ParseResult result = parser.parse(Samples.load("guardduty-accesskey-sample.json"));

        assertThat(((ParseResult.Signals) result).signals().get(0).origin().sample()).isTrue();
    }

    @Test
    void parse_sameFindingTwoRevisions_differInRevisionOnly() {
        ObjectNode first = Samples.load("guardduty-accesskey-malicious-ip-caller.json");
        ObjectNode second = first.deepCopy();
        ((ObjectNode) second.path("detail")).put("updatedAt", "2026-11-20T04:00:00.000Z");

        Signal a = ((ParseResult.Signals) parser.parse(first)).signals().get(0);
        Signal b = ((ParseResult.Signals) parser.parse(second)).signals().get(0);

        assertThat(a.origin().findingId()).isEqualTo(b.origin().findingId());
        assertThat(a.origin().deduplicationKey()).isEqualTo(b.origin().deduplicationKey());
        assertThat(a.origin().revision()).isLessThan(b.origin().revision());
    }

    @Test
    void parse_cloudTrailCreateFunction_recordsWhoCreatedWhichFunction() {
        ParseResult result = parser.parse(Samples.load("cloudtrail-lambda-create-function.json"));

        Provenance provenance = ((ParseResult.Observed) result).records().get(0);
        assertThat(provenance.resourceId()).isEqualTo("arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1");
        assertThat(provenance.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
        assertThat(provenance.principalArn()).isEqualTo("arn:aws:iam::123456789012:user/deploy-bot");
        assertThat(provenance.principalType()).isEqualTo("IAMUser");
    }

    @Test
    void parse_cloudTrailRunInstances_recordsEveryInstanceLaunched() {
        ParseResult result = parser.parse(Samples.load("cloudtrail-ec2-run-instances.json"));

        assertThat(((ParseResult.Observed) result).records()).extracting(Provenance::resourceId)
                .contains("i-0123456789abcdef0");
    }

    @Test
    void parse_failedCloudTrailCall_isIgnored() {
        ObjectNode event = Samples.load("cloudtrail-lambda-create-function.json");
        ((ObjectNode) event.path("detail")).put("errorCode", "AccessDenied");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void parse_malformedInput_isRejectedWithAReason() {
        ObjectNode noDetail = Samples.load("guardduty-accesskey-malicious-ip-caller.json");
        noDetail.remove("detail");
        ObjectNode noKeyId = Samples.load("guardduty-accesskey-malicious-ip-caller.json");
        ((ObjectNode) noKeyId.at("/detail/resource/accessKeyDetails")).remove("accessKeyId");
        ObjectNode badTime = Samples.load("health-risk-credentials-exposed.json");
        badTime.put("time", "yesterday");
        ObjectNode badArn = Samples.load("guardduty-lambda-bitcoin-tool.json");
        ((ObjectNode) badArn.at("/detail/resource/lambdaDetails")).put("functionArn", "xmrig");

        for (ObjectNode event : List.of(noDetail, noKeyId, badTime, badArn)) {
            assertThat(parser.parse(event)).isInstanceOfSatisfying(ParseResult.Rejected.class,
                    r -> assertThat(r.reason()).isNotBlank());
        }
        assertThat(parser.parse(dev.tourniquet.internal.Json.MAPPER.createArrayNode()))
                .isInstanceOf(ParseResult.Rejected.class);
    }

    // Found by fuzzing (HandlerFuzzTest): an IAMUser chain event naming a role's ARN, or a path, planned the
    // quarantine of a user named by its last part (user/x, user/etc), a user the event does not name.
    @Test
    void parse_credentialCompromisedOfAUserWhoseArnIsNoUserArn_isRejected() {
        for (String arn : List.of("arn:aws:iam::999999999999:role/x", "../../etc", "arn:aws:iam::123456789012:user/")) {
            ObjectNode event = Samples.load("tourniquet-credential-compromised.json");
            event.with("detail").put("principalArn", arn);

            assertThat(parser.parse(event)).as(arn).isInstanceOfSatisfying(ParseResult.Rejected.class,
                    r -> assertThat(r.reason()).contains(arn));
        }
    }

    @Test
    void parse_unknownFindingResource_isIgnored() {
        assertThat(parser.parse(Samples.load("guardduty-s3-bucket-public.json"))).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void lateRecordChainEvent_becomesTheRecordItAnnounces_forItsContainment() {
        ParseResult result = parser.parse(Samples.load("tourniquet-resource-of-contained-credential.json"));

        assertThat(result).isInstanceOfSatisfying(ParseResult.LateRecord.class, late -> {
            assertThat(late.containment()).isEqualTo("inc-7b1d9e3a5c2f4e6a8b0c");
            assertThat(late.record().resourceType()).isEqualTo("function");
            assertThat(late.record().resourceId()).isEqualTo("arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-7");
            assertThat(late.record().region()).isEqualTo("us-west-2");
            assertThat(late.record().accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
            assertThat(late.record().principalArn()).isEqualTo("arn:aws:iam::123456789012:user/deploy-bot");
        });
    }

    @Test
    void lateRecordChainEvent_writtenByTheIntake_readsBackAsTheSameRecord() {
        Provenance record = ((ParseResult.Observed) parser.parse(Samples.load("cloudtrail-ec2-run-instances.json")))
                .records().get(0);
        ObjectNode event = Samples.load("tourniquet-resource-of-contained-credential.json");
        event.set("detail", LateRecordEvent.detail("inc-0123456789abcdef0123", record));

        assertThat(parser.parse(event)).isInstanceOfSatisfying(ParseResult.LateRecord.class, late -> {
            assertThat(late.record()).isEqualTo(record);
            assertThat(late.containment()).isEqualTo("inc-0123456789abcdef0123");
        });
    }

    @Test
    void lateRecordChainEvent_withoutItsResource_isRejected() {
        ObjectNode event = Samples.load("tourniquet-resource-of-contained-credential.json");
        ((ObjectNode) event.path("detail").path("record")).remove("resourceId");
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Rejected.class);
        ((ObjectNode) event.path("detail").path("record")).put("resourceId", "i-1").put("resourceType", "bucket");
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }
}

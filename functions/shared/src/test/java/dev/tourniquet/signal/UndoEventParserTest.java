package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UndoEventParserTest {
    /** Each sample of an undoing change, and the resource it names as Tourniquet's steps name it. */
    private static final String MINER = "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1";

    static final Map<String, String> RESOURCES = Map.ofEntries(
            Map.entry("cloudtrail-iam-update-access-key-active.json", "AKIAIOSFODNN7EXAMPLE"),
            Map.entry("cloudtrail-iam-detach-user-policy.json", "user/deploy-bot"),
            Map.entry("cloudtrail-iam-delete-role-policy.json", "role/web-instance-role"),
            Map.entry("cloudtrail-lambda-put-function-concurrency.json", MINER),
            Map.entry("cloudtrail-lambda-delete-function-concurrency.json", MINER),
            Map.entry("cloudtrail-lambda-update-event-source-mapping.json", MINER),
            Map.entry("cloudtrail-lambda-update-function-url-config.json", MINER),
            Map.entry("cloudtrail-events-put-targets.json", MINER),
            Map.entry("cloudtrail-scheduler-update-schedule.json", MINER),
            // A workload's respawn trigger: the rule or schedule the cut recorded.
            Map.entry("cloudtrail-events-put-targets-ecs.json", "rule/us-east-1/default/xmrig-every-3-minutes"),
            Map.entry("cloudtrail-scheduler-update-schedule-ecs.json", "schedule/us-east-1/default/xmrig-keepalive"),
            // A key's rule pointed at a pipeline: should a cut of it be put back, the rule holds it.
            Map.entry("cloudtrail-events-put-targets-codepipeline.json", "rule/us-east-1/default/nightly-release"),
            Map.entry("cloudtrail-ec2-modify-instance-attribute-groups.json", "i-0123456789abcdef0"),
            Map.entry("cloudtrail-ec2-associate-iam-instance-profile.json", "i-0123456789abcdef0"),
            Map.entry("cloudtrail-events-enable-rule.json", "rule/us-west-2/default/xmrig-worker-1-every-3-minutes"),
            Map.entry("cloudtrail-ec2-modify-network-interface-attribute-groups.json", "eni-0a1b2c3d4e5f60718"));

    private final SignalParser parser = new SignalParser();

    private ContainmentUndone only(ObjectNode event) {
        ParseResult result = parser.parse(event);
        // A rule or schedule pointed at compute is also its caller's provenance: the undone signals ride with it.
        List<Signal> signals = result instanceof ParseResult.Observed observed ? observed.undone()
                : ((ParseResult.Signals) result).signals();
        assertThat(signals).hasSize(1);
        return (ContainmentUndone) signals.get(0);
    }

    @Test
    void parse_keyReactivatedByAnotherUser_namesTheKeyAndItsAuthor() {
        ContainmentUndone undone = only(Samples.load("cloudtrail-iam-update-access-key-active.json"));

        assertThat(undone.action()).isEqualTo("UpdateAccessKey");
        assertThat(undone.caller().principalArn()).isEqualTo("arn:aws:iam::123456789012:user/ops-backdoor");
        assertThat(undone.caller().accessKeyId()).contains("AKIAI44QH8DHBEXAMPLE");
        assertThat(undone.caller().isAwsService()).isFalse();
        assertThat(undone.hold()).isEmpty();
    }

    @Test
    void parse_lambdaAndEcsTargetsPutBackTogether_nameTheFunctionAndTheRule() {
        ObjectNode event = Samples.load("cloudtrail-events-put-targets-ecs.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("eventBusName", "arn:aws:events:us-east-1:123456789012:"
                + "event-bus/jobs").withArray("targets").addObject().put("id", "f").put("arn", MINER);

        ParseResult result = parser.parse(event);
        // A rule or schedule pointed at compute is also its caller's provenance: the undone signals ride with it.
        List<Signal> signals = result instanceof ParseResult.Observed observed ? observed.undone()
                : ((ParseResult.Signals) result).signals();

        assertThat(signals).extracting(Signal::subject).containsExactlyInAnyOrder(MINER,
                "rule/us-east-1/jobs/xmrig-every-3-minutes");
    }

    @Test
    void parse_workloadScheduleDisabled_isNothingToUndo() {
        ObjectNode event = Samples.load("cloudtrail-scheduler-update-schedule-ecs.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("state", "DISABLED");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void parse_keyMadeInactive_isNothingToUndo() {
        ObjectNode event = Samples.load("cloudtrail-iam-update-access-key-active.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("status", "Inactive");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void parse_policyRemoval_keepsWhichPolicy() {
        assertThat(only(Samples.load("cloudtrail-iam-detach-user-policy.json")).parameter("policyArn"))
                .contains("arn:aws:iam::123456789012:policy/tourniquet/tourniquet-quarantine-us-east-1");
        assertThat(only(Samples.load("cloudtrail-iam-delete-role-policy.json")).parameter("policyName"))
                .contains("TourniquetRevokeSession-i-0a1b2c3d4e5f67890");
    }

    @Test
    void parse_awsServiceCaller_withoutAnArn_isAServiceAndNotRejected() {
        ObjectNode event = Samples.load("cloudtrail-lambda-put-function-concurrency.json");
        ((ObjectNode) event.path("detail")).putObject("userIdentity").put("type", "AWSService")
                .put("invokedBy", "cloudformation.amazonaws.com");

        ContainmentUndone undone = only(event);

        assertThat(undone.caller().isAwsService()).isTrue();
        assertThat(undone.caller().accessKeyId()).isEmpty();
    }

    @Test
    void parse_concurrencySetToZero_isNothingToUndo() {
        ObjectNode event = Samples.load("cloudtrail-lambda-put-function-concurrency.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("reservedConcurrentExecutions", 0);

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void parse_instanceStarted_isProvenanceAndAPossibleUndo() {
        ParseResult result = parser.parse(Samples.load("cloudtrail-ec2-start-instances.json"));

        assertThat(result).isInstanceOfSatisfying(ParseResult.Observed.class, observed -> {
            assertThat(observed.records()).hasSize(1);
            assertThat(observed.undone()).extracting(Signal::subject).containsExactly("i-0fedcba9876543210");
        });
    }

    @Test
    void parse_notebookStartedAndBatchEnabledAgain_areProvenanceAndPossibleUndos_namedAsTheStepsNameThem() {
        Map<String, String> samples = Map.of(
                "cloudtrail-sagemaker-start-notebook-instance.json",
                "arn:aws:sagemaker:us-west-2:123456789012:notebook-instance/data-science-nb",
                "cloudtrail-batch-update-compute-environment.json",
                "arn:aws:batch:ap-southeast-1:123456789012:compute-environment/render-farm",
                "cloudtrail-batch-update-job-queue.json",
                "arn:aws:batch:ap-southeast-1:123456789012:job-queue/render-queue");
        samples.forEach((sample, resource) -> assertThat(parser.parse(Samples.load(sample))).as(sample)
                .isInstanceOfSatisfying(ParseResult.Observed.class, observed -> {
                    assertThat(observed.records()).hasSize(1);
                    assertThat(observed.undone()).singleElement().isInstanceOfSatisfying(ContainmentUndone.class,
                            undone -> assertThat(undone.resource()).isEqualTo(resource));
                }));
    }

    @Test
    void parse_environmentGivenVcpusOnly_isAPossibleUndo_disabledAtZeroOrAQueueDisabledIsNot() {
        ObjectNode vcpus = Samples.load("cloudtrail-batch-update-compute-environment.json");
        ((ObjectNode) vcpus.at("/detail/requestParameters")).remove("state");
        ObjectNode disabled = Samples.load("cloudtrail-batch-update-compute-environment.json");
        ((ObjectNode) disabled.at("/detail/requestParameters")).put("state", "DISABLED");
        ((ObjectNode) disabled.at("/detail/requestParameters/computeResources")).put("maxvCpus", 0);
        ObjectNode queue = Samples.load("cloudtrail-batch-update-job-queue.json");
        ((ObjectNode) queue.at("/detail/requestParameters")).put("state", "DISABLED");

        assertThat(((ParseResult.Observed) parser.parse(vcpus)).undone()).extracting(Signal::subject)
                .containsExactly("arn:aws:batch:ap-southeast-1:123456789012:compute-environment/render-farm");
        for (ObjectNode event : List.of(disabled, queue)) {
            ParseResult result = parser.parse(event);
            assertThat(result instanceof ParseResult.Observed observed ? observed.undone() : List.of()).isEmpty();
        }
    }

    @Test
    void parse_publicInvokePermission_isProvenanceAndAPossibleUndo_aSameAccountOneOnlyProvenance() {
        ObjectNode event = Samples.load("cloudtrail-lambda-add-permission.json");

        assertThat(((ParseResult.Observed) parser.parse(event)).undone()).extracting(Signal::subject)
                .containsExactly(MINER);
        ((ObjectNode) event.at("/detail/requestParameters")).put("principal", "s3.amazonaws.com");
        assertThat(((ParseResult.Observed) parser.parse(event)).undone()).isEmpty();
    }

    @Test
    void sessionOf_sessionArnOrPrincipalId_givesTheSessionOnlyWhenValid() {
        assertThat(CompromisedRoleSession.sessionOf("arn:aws:sts::123456789012:assumed-role/admin-role/mallory"))
                .contains("mallory");
        assertThat(CompromisedRoleSession.sessionOf("AROAJQABLZS4A3QDU576Q:i-0a1b2c3d4e5f67890"))
                .contains("i-0a1b2c3d4e5f67890");
        assertThat(CompromisedRoleSession.sessionOf("arn:aws:iam::123456789012:role/admin-role")).isEmpty();
        assertThat(CompromisedRoleSession.sessionOf("AROAJQABLZS4A3QDU576Q:*")).isEmpty();
    }
}

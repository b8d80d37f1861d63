package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in {@code events/} reaches exactly the rules meant for it, with the patterns read from
 * {@code template.yaml} and matched by event-ruler, on the bus the event arrives on.
 */
class RulePatternTest {
    private static final String CREDENTIAL = "ContainCredentialFunction/";
    private static final String QUARANTINE = "QuarantineFunction/";
    private static final String INSTANCE = "IsolateInstanceFunction/";
    private static final String PROVENANCE = "RecordProvenanceFunction/";
    private static final String HEARTBEAT = "HeartbeatFunction/";
    private static final String TAMPERING = "UndoTamperingFunction/";

    /** file → the rules ({@code Function/Rule}) meant to match it; an empty set: no rule may. */
    static final Map<String, Set<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("health-risk-credentials-exposed.json", Set.of(CREDENTIAL + "CredentialsExposed")),
            Map.entry("guardduty-accesskey-malicious-ip-caller.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("guardduty-accesskey-anomalous-behavior.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("guardduty-accesskey-pentest-kali.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("guardduty-accesskey-stealth-logging-disabled.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("guardduty-accesskey-recon-tor.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("guardduty-accesskey-credential-exfiltration.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("guardduty-accesskey-root-credential-usage.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("guardduty-accesskey-sample.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("tourniquet-credential-compromised.json", Set.of(CREDENTIAL + "CredentialCompromisedRule")),
            // The sweeps of what the credential made, its IAM persistence, and its CloudTrail history.
            Map.entry("tourniquet-credential-contained.json", Set.of(QUARANTINE + "CredentialContainedRule",
                    INSTANCE + "InstanceSweepRule", CREDENTIAL + "CredentialContainedIamRule",
                    PROVENANCE + "CredentialContainedHistoryRule", "StopWorkloadFunction/CredentialContainedWorkloadsRule")),
            // Provenance, and a public permission added again to a function Tourniquet holds (containment undone).
            Map.entry("cloudtrail-lambda-add-permission.json",
                    Set.of(PROVENANCE + "FunctionProvenance", QUARANTINE + "ContainmentUndoneLambda")),
            Map.entry("cloudtrail-lambda-create-event-source-mapping.json", Set.of(PROVENANCE + "FunctionProvenance")),
            Map.entry("cloudtrail-lambda-create-function-url-config.json",
                    Set.of(PROVENANCE + "FunctionProvenance", QUARANTINE + "ContainmentUndoneLambda")),
            Map.entry("cloudtrail-lambda-create-function.json", Set.of(PROVENANCE + "FunctionProvenance")),
            Map.entry("cloudtrail-lambda-update-function-code.json", Set.of(PROVENANCE + "FunctionProvenance")),
            Map.entry("cloudtrail-lambda-update-function-configuration.json", Set.of(PROVENANCE + "FunctionProvenance")),
            Map.entry("guardduty-lambda-bitcoin-tool.json", Set.of(QUARANTINE + "GuardDutyLambdaFinding")),
            Map.entry("guardduty-lambda-blackhole-traffic.json", Set.of(QUARANTINE + "GuardDutyLambdaFinding")),
            Map.entry("guardduty-lambda-cc-activity.json", Set.of(QUARANTINE + "GuardDutyLambdaFinding")),
            Map.entry("guardduty-lambda-drop-point.json", Set.of(QUARANTINE + "GuardDutyLambdaFinding")),
            Map.entry("guardduty-lambda-malicious-ip-caller-custom.json", Set.of(QUARANTINE + "GuardDutyLambdaFinding")),
            Map.entry("guardduty-lambda-tor-client.json", Set.of(QUARANTINE + "GuardDutyLambdaFinding")),
            Map.entry("guardduty-lambda-tor-relay.json", Set.of(QUARANTINE + "GuardDutyLambdaFinding")),
            Map.entry("cloudtrail-ec2-request-spot-instances.json", Set.of(PROVENANCE + "InstanceLaunched")),
            Map.entry("cloudtrail-ec2-run-instances.json", Set.of(PROVENANCE + "InstanceLaunched")),
            Map.entry("cloudtrail-ec2-request-spot-instances-persistent.json", Set.of(PROVENANCE + "InstanceLaunched")),
            // What relaunches instances: groups, their templates and configurations, fleets.
            Map.entry("cloudtrail-autoscaling-create-auto-scaling-group.json",
                    Set.of(PROVENANCE + "LaunchSourceProvenance")),
            Map.entry("cloudtrail-autoscaling-update-auto-scaling-group.json",
                    Set.of(PROVENANCE + "LaunchSourceProvenance")),
            Map.entry("cloudtrail-autoscaling-create-launch-configuration.json",
                    Set.of(PROVENANCE + "LaunchSourceProvenance")),
            Map.entry("cloudtrail-ec2-create-launch-template.json", Set.of(PROVENANCE + "LaunchSourceProvenance")),
            Map.entry("cloudtrail-ec2-create-launch-template-version.json",
                    Set.of(PROVENANCE + "LaunchSourceProvenance")),
            Map.entry("cloudtrail-ec2-modify-launch-template.json", Set.of(PROVENANCE + "LaunchSourceProvenance")),
            Map.entry("cloudtrail-ec2-request-spot-fleet.json", Set.of(PROVENANCE + "LaunchSourceProvenance")),
            Map.entry("cloudtrail-ec2-modify-spot-fleet-request.json", Set.of(PROVENANCE + "LaunchSourceProvenance")),
            Map.entry("cloudtrail-ec2-create-fleet.json", Set.of(PROVENANCE + "LaunchSourceProvenance")),
            // Provenance, and an isolated instance started again (containment undone).
            Map.entry("cloudtrail-ec2-start-instances.json",
                    Set.of(PROVENANCE + "InstanceLaunched", INSTANCE + "ContainmentUndoneEc2")),
            Map.entry("guardduty-ec2-backdoor-cc.json", Set.of(INSTANCE + "GuardDutyInstanceFinding")),
            Map.entry("guardduty-ec2-bitcoin-domain-reputation.json", Set.of(INSTANCE + "GuardDutyInstanceFinding")),
            Map.entry("guardduty-ec2-bitcoin-tool-dns.json", Set.of(INSTANCE + "GuardDutyInstanceFinding")),
            Map.entry("guardduty-ec2-bitcoin-tool.json", Set.of(INSTANCE + "GuardDutyInstanceFinding")),
            Map.entry("guardduty-ec2-malicious-file.json", Set.of(INSTANCE + "GuardDutyInstanceFinding")),
            Map.entry("guardduty-ec2-ssh-brute-force-victim.json", Set.of(INSTANCE + "GuardDutyInstanceVictimFinding")),
            Map.entry("guardduty-ec2-trojan-drop-point.json", Set.of(INSTANCE + "GuardDutyInstanceFinding")),
            Map.entry("guardduty-runtime-cryptominer-executed.json", Set.of(INSTANCE + "GuardDutyInstanceFinding")),
            Map.entry("guardduty-accesskey-defense-evasion.json", Set.of(CREDENTIAL + "GuardDutyAccessKeyFinding")),
            Map.entry("cloudtrail-cloudtrail-stop-logging.json", Set.of(TAMPERING + "TamperCloudTrail")),
            Map.entry("cloudtrail-cloudtrail-delete-trail.json", Set.of(TAMPERING + "TamperCloudTrail")),
            Map.entry("cloudtrail-cloudtrail-update-trail-single-region.json", Set.of(TAMPERING + "TamperCloudTrail")),
            Map.entry("cloudtrail-cloudtrail-put-event-selectors-no-management.json", Set.of(TAMPERING + "TamperCloudTrail")),
            Map.entry("cloudtrail-cloudtrail-put-insight-selectors-empty.json", Set.of(TAMPERING + "TamperCloudTrail")),
            Map.entry("cloudtrail-guardduty-update-detector-disable.json", Set.of(TAMPERING + "TamperGuardDuty")),
            Map.entry("cloudtrail-guardduty-delete-detector.json", Set.of(TAMPERING + "TamperGuardDuty")),
            Map.entry("cloudtrail-guardduty-create-filter-archive.json", Set.of(TAMPERING + "TamperGuardDuty")),
            Map.entry("cloudtrail-guardduty-create-ip-set.json", Set.of(TAMPERING + "TamperGuardDuty")),
            Map.entry("cloudtrail-guardduty-disassociate-from-administrator.json", Set.of(TAMPERING + "TamperGuardDuty")),
            Map.entry("cloudtrail-lambda-put-function-concurrency-own.json", Set.of(TAMPERING + "TamperOwnFunctions")),
            Map.entry("cloudtrail-events-disable-rule-own.json",
                    Set.of(TAMPERING + "TamperOwnRules", TAMPERING + "TamperOwnRulesWatch")),
            Map.entry("cloudtrail-events-remove-targets-own.json",
                    Set.of(TAMPERING + "TamperOwnRules", TAMPERING + "TamperOwnRulesWatch")),
            Map.entry("cloudtrail-cloudformation-update-termination-protection.json", Set.of(TAMPERING + "TamperOwnStack")),
            Map.entry("cloudtrail-iam-put-role-policy-own.json",
                    Set.of(TAMPERING + "TamperOwnResources", PROVENANCE + "IamProvenanceRule")),
            Map.entry("guardduty-s3-bucket-public.json", Set.of()),
            Map.entry("tourniquet-resource-of-contained-credential.json", Set.of(QUARANTINE + "LateFunctionRecordRule")),
            // A sweep that ran out of time continues in the function it names, and only there.
            Map.entry("tourniquet-sweep-continued.json", Set.of(QUARANTINE + "SweepContinuedFunctionsRule")),
            Map.entry("tourniquet-sweep-continued-instances.json", Set.of(INSTANCE + "SweepContinuedInstancesRule")),
            Map.entry("tourniquet-sweep-continued-iam.json", Set.of(CREDENTIAL + "SweepContinuedIamRule")),
            Map.entry("tourniquet-resource-of-contained-credential-instance.json",
                    Set.of(INSTANCE + "LateInstanceRecordRule")),
            Map.entry("cloudtrail-events-tag-resource-heartbeat.json", Set.of(HEARTBEAT + "HeartbeatReturned")),
            // Another region's heartbeat, forwarded home by that region's forwarder (forwarder.yaml).
            Map.entry("cloudtrail-events-tag-resource-forwarder-heartbeat.json", Set.of(HEARTBEAT + "HeartbeatReturned")),
            // The rule matches the write on the heartbeat's rule; the function counts only its own role's.
            Map.entry("cloudtrail-events-tag-resource-other-principal.json", Set.of(HEARTBEAT + "HeartbeatReturned")),
            // The exposure hold of identities' review, every minute (one query when none is open).
            Map.entry("scheduled-identity-hold-review.json", Set.of(CREDENTIAL + "IdentityHoldReview")),
            // A schedule, read as what it sends (TemplateRules).
            Map.entry("scheduled-heartbeat.json", Set.of(HEARTBEAT + "Schedule")),
            Map.entry("scheduled-baseline.json", Set.of(TAMPERING + "Baseline")),
            // The exposure hold's review, every minute, in both functions that hold (one query when none is open).
            Map.entry("scheduled-exposure-hold-review.json",
                    Set.of(QUARANTINE + "ExposureHoldReviewRule", INSTANCE + "ExposureHoldReviewRule",
                            "StopWorkloadFunction/ExposureHoldReviewRule")),
            // The footprint's inventory, every FootprintInventoryMinutes, in both functions that contain (README "Spend
            // guard"): each lists its own kind.
            Map.entry("scheduled-footprint-inventory.json",
                    Set.of(QUARANTINE + "FootprintInventoryRule", INSTANCE + "FootprintInventoryRule",
                            "StopWorkloadFunction/FootprintInventoryRule")),
            Map.entry("cloudtrail-iam-create-access-key.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("tourniquet-resource-of-contained-credential-iam.json", Set.of(CREDENTIAL + "LateIamRecordRule")),
            Map.entry("cloudtrail-iam-create-user.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-create-login-profile.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-update-login-profile.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-create-service-specific-credential.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-create-virtual-mfa-device.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-enable-mfa-device.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-sts-get-federation-token.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-sts-assume-role.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-tag-user.json", Set.of(PROVENANCE + "TagProvenanceRule")),
            Map.entry("cloudtrail-iam-create-role.json", Set.of(PROVENANCE + "TagProvenanceRule")),
            Map.entry("cloudtrail-iam-update-assume-role-policy.json",
                    Set.of(PROVENANCE + "IamProvenanceRule", TAMPERING + "TamperOwnResources")),
            Map.entry("cloudtrail-iam-attach-user-policy.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-attach-role-policy.json",
                    Set.of(PROVENANCE + "IamProvenanceRule", TAMPERING + "TamperOwnResources")),
            Map.entry("cloudtrail-iam-put-user-policy.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-put-role-policy.json",
                    Set.of(PROVENANCE + "IamProvenanceRule", TAMPERING + "TamperOwnResources")),
            Map.entry("cloudtrail-iam-add-user-to-group.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-create-policy-version.json",
                    Set.of(PROVENANCE + "IamProvenanceRule", TAMPERING + "TamperOwnResources")),
            Map.entry("cloudtrail-iam-set-default-policy-version.json",
                    Set.of(PROVENANCE + "IamProvenanceRule", TAMPERING + "TamperOwnResources")),
            Map.entry("cloudtrail-iam-create-open-id-connect-provider.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-iam-create-saml-provider.json", Set.of(PROVENANCE + "IamProvenanceRule")),
            Map.entry("cloudtrail-lambda-tag-resource.json", Set.of(PROVENANCE + "TagProvenanceRule")),
            Map.entry("cloudtrail-ec2-create-tags.json", Set.of(PROVENANCE + "TagProvenanceRule")),
            // Provenance, and judged by the credential function (alert; disabled again for an incident's caller).
            Map.entry("cloudtrail-account-enable-region.json",
                    Set.of(PROVENANCE + "RegionEnabledProvenance", CREDENTIAL + "RegionEnabled")),
            Map.entry("guardduty-lambda-member-account.json", Set.of(QUARANTINE + "GuardDutyLambdaFinding")),
            // What a key opened or shared: provenance in every region; a contained key's late share to the function
            // that takes it back (permissions and layers: quarantine-function; EC2, RDS, key pairs: isolate-instance).
            Map.entry("cloudtrail-lambda-publish-layer-version.json", Set.of(PROVENANCE + "SharingProvenance")),
            Map.entry("cloudtrail-lambda-update-function-configuration-layers.json",
                    Set.of(PROVENANCE + "FunctionProvenance")),
            Map.entry("cloudtrail-ec2-modify-snapshot-attribute.json", Set.of(PROVENANCE + "SharingProvenance")),
            Map.entry("cloudtrail-ec2-modify-image-attribute.json", Set.of(PROVENANCE + "SharingProvenance")),
            Map.entry("cloudtrail-rds-modify-db-snapshot-attribute.json", Set.of(PROVENANCE + "SharingProvenance")),
            Map.entry("cloudtrail-rds-modify-db-cluster-snapshot-attribute.json",
                    Set.of(PROVENANCE + "SharingProvenance")),
            Map.entry("cloudtrail-ec2-import-key-pair.json", Set.of(PROVENANCE + "SharingProvenance")),
            Map.entry("cloudtrail-ec2-create-key-pair.json", Set.of(PROVENANCE + "SharingProvenance")),
            Map.entry("tourniquet-resource-of-contained-credential-share-snapshot.json",
                    Set.of(INSTANCE + "LateInstanceRecordRule")),
            Map.entry("tourniquet-resource-of-contained-credential-share-permission.json",
                    Set.of(QUARANTINE + "LateFunctionRecordRule"))));

    static {
        EXPECTED.putAll(ContainmentUndonePatternTest.EXPECTED);
        EXPECTED.putAll(FootprintPatternTest.EXPECTED);
        EXPECTED.putAll(SpendBrakePatternTest.EXPECTED);
        EXPECTED.putAll(AttackSequencePatternTest.EXPECTED);
        EXPECTED.putAll(WorkloadPatternTest.EXPECTED);
        EXPECTED.putAll(RespawnTriggerPatternTest.EXPECTED);
        EXPECTED.putAll(BedrockPatternTest.EXPECTED);
    }

    private static final EventRouter ROUTER = new EventRouter(TemplateRules.load(ProjectRoot.locate().resolve("template.yaml")));

    static Stream<Arguments> samples() {
        return EventFiles.samples(ProjectRoot.locate()).stream()
                .map(path -> Arguments.of(path.getFileName().toString()));
    }

    private static Set<String> matched(JsonNode event) {
        String bus = "tourniquet".equals(event.path("source").asText()) ? "tourniquet" : "default";
        return ROUTER.route(event, bus).stream().map(r -> r.function() + "/" + r.name()).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_matchesExactlyTheRulesMeantForIt(String file) {
        assertThat(EXPECTED).as("events/%s needs an expected routing in this test", file).containsKey(file);
        assertThat(matched(sample(file))).isEqualTo(EXPECTED.get(file));
    }

    @Test
    void tagProvenance_failedCallsAndOtherServicesTags_reachNoRule() {
        ObjectNode failed = sample("cloudtrail-iam-tag-user.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "AccessDenied");
        ObjectNode untag = sample("cloudtrail-iam-tag-user.json");
        ((ObjectNode) untag.path("detail")).put("eventName", "UntagUser");
        ObjectNode otherService = sample("cloudtrail-ec2-create-tags.json");
        otherService.put("source", "aws.workspaces");
        ((ObjectNode) otherService.path("detail")).put("eventSource", "workspaces.amazonaws.com");

        assertThat(matched(failed)).isEmpty();
        assertThat(matched(untag)).isEmpty();
        assertThat(matched(otherService)).isEmpty();
    }

    @Test
    void sharingProvenance_failedCallsAndOtherAttributes_reachNoRule() {
        ObjectNode failed = sample("cloudtrail-ec2-modify-snapshot-attribute.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "InvalidSnapshot.NotFound");
        ObjectNode otherCall = sample("cloudtrail-rds-modify-db-snapshot-attribute.json");
        ((ObjectNode) otherCall.path("detail")).put("eventName", "DescribeDBSnapshotAttributes");
        ObjectNode otherService = sample("cloudtrail-ec2-modify-image-attribute.json");
        otherService.put("source", "aws.lightsail");
        ((ObjectNode) otherService.path("detail")).put("eventSource", "lightsail.amazonaws.com");

        assertThat(matched(failed)).isEmpty();
        assertThat(matched(otherCall)).isEmpty();
        assertThat(matched(otherService)).isEmpty();
    }

    @Test
    void lateShareRecord_ofAnotherKind_reachesNeitherContainingFunction() {
        ObjectNode unknown = sample("tourniquet-resource-of-contained-credential-share-snapshot.json");
        ((ObjectNode) unknown.path("detail").path("record")).put("resourceId", "bucket-policy:my-bucket");
        ObjectNode layer = sample("tourniquet-resource-of-contained-credential-share-permission.json");
        ((ObjectNode) layer.path("detail").path("record")).put("resourceId",
                "layer:arn:aws:lambda:us-west-2:123456789012:layer:xmrig-lib:1");
        ObjectNode keyPair = sample("tourniquet-resource-of-contained-credential-share-snapshot.json");
        ((ObjectNode) keyPair.path("detail").path("record")).put("resourceId", "keypair:gpu-batch");

        assertThat(matched(unknown)).isEmpty();
        assertThat(matched(layer)).containsExactly(QUARANTINE + "LateFunctionRecordRule");
        assertThat(matched(keyPair)).containsExactly(INSTANCE + "LateInstanceRecordRule");
    }

    @Test
    void iamProvenance_failedCallsRoleSessionsAndOtherCalls_reachNoRule() {
        ObjectNode failed = sample("cloudtrail-iam-create-user.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "EntityAlreadyExists");
        ObjectNode byRole = sample("cloudtrail-sts-assume-role.json");
        ((ObjectNode) byRole.path("detail").path("userIdentity")).put("type", "AssumedRole");
        ObjectNode byService = sample("cloudtrail-sts-assume-role.json");
        ((ObjectNode) byService.path("detail").path("userIdentity")).put("type", "AWSService");
        ObjectNode read = sample("cloudtrail-iam-create-user.json");
        ((ObjectNode) read.path("detail")).put("eventName", "GetUser");
        ObjectNode stsFromIam = sample("cloudtrail-sts-get-federation-token.json");
        ((ObjectNode) stsFromIam.path("detail")).put("eventSource", "iam.amazonaws.com");

        assertThat(matched(failed)).isEmpty();
        assertThat(matched(byRole)).isEmpty();
        assertThat(matched(byService)).isEmpty();
        assertThat(matched(read)).isEmpty();
        assertThat(matched(stsFromIam)).isEmpty();
    }

    @Test
    void lateRecord_ofAFunction_reachesNoIamRule() {
        assertThat(matched(sample("tourniquet-resource-of-contained-credential.json")))
                .doesNotContain(CREDENTIAL + "LateIamRecordRule");
    }

    @Test
    void iamProvenance_failedCallsAndTheirUndoing_reachNoProvenanceRule() {
        ObjectNode failed = sample("cloudtrail-iam-attach-user-policy.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "AccessDenied");
        ObjectNode deleteVersion = sample("cloudtrail-iam-create-policy-version.json");
        ((ObjectNode) deleteVersion.path("detail")).put("eventName", "DeletePolicyVersion");
        ObjectNode removeFromGroup = sample("cloudtrail-iam-add-user-to-group.json");
        ((ObjectNode) removeFromGroup.path("detail")).put("eventName", "RemoveUserFromGroup");
        ObjectNode otherSource = sample("cloudtrail-iam-update-assume-role-policy.json");
        otherSource.put("source", "aws.sts");
        ((ObjectNode) otherSource.path("detail")).put("eventSource", "sts.amazonaws.com");

        assertThat(matched(failed)).isEmpty();
        assertThat(matched(deleteVersion)).isEmpty();
        assertThat(matched(removeFromGroup)).isEmpty();
        assertThat(matched(otherSource)).isEmpty();
    }

    @Test
    void enableRegion_failedOrAnotherAccountCall_reachesNoRule() {
        ObjectNode failed = sample("cloudtrail-account-enable-region.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "ConflictException");
        ObjectNode disable = sample("cloudtrail-account-enable-region.json");
        ((ObjectNode) disable.path("detail")).put("eventName", "DisableRegion");
        ObjectNode contact = sample("cloudtrail-account-enable-region.json");
        ((ObjectNode) contact.path("detail")).put("eventName", "PutAlternateContact");

        assertThat(matched(failed)).isEmpty();
        assertThat(matched(disable)).isEmpty();
        assertThat(matched(contact)).isEmpty();
    }

    @Test
    void chainEvent_onTheDefaultBus_reachesNoRule() {
        JsonNode event = sample("tourniquet-credential-compromised.json");
        assertThat(ROUTER.route(event, "default")).isEmpty();
    }

    @Test
    void accessKeyFinding_ofAnUnlistedFamily_reachesNoRule() {
        ObjectNode event = sample("guardduty-accesskey-malicious-ip-caller.json");
        ((ObjectNode) event.path("detail")).put("type", "Policy:IAMUser/S3BlockPublicAccessDisabled");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void lambdaFinding_ofAnotherFamily_reachesNoRule() {
        ObjectNode event = sample("guardduty-lambda-bitcoin-tool.json");
        ((ObjectNode) event.path("detail")).put("type", "Policy:Lambda/SomethingElse");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void lambdaFinding_onAnotherResourceType_reachesNoRule() {
        ObjectNode event = sample("guardduty-lambda-bitcoin-tool.json");
        ((ObjectNode) event.path("detail").path("resource")).put("resourceType", "Instance");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void lambdaCloudTrailEvent_notRecordedAsProvenance_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-lambda-create-function.json");
        ((ObjectNode) event.path("detail")).put("eventName", "GetFunction20150331v2");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void credentialContained_onTheDefaultBus_reachesNoRule() {
        assertThat(ROUTER.route(sample("tourniquet-credential-contained.json"), "default")).isEmpty();
    }

    @Test
    void healthEvent_ofAnotherType_reachesNoRule() {
        ObjectNode event = sample("health-risk-credentials-exposed.json");
        ((ObjectNode) event.path("detail")).put("eventTypeCode", "AWS_EC2_OPERATIONAL_ISSUE");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void instanceFinding_ofAnUnlistedFamily_reachesNoRule() {
        ObjectNode event = sample("guardduty-ec2-bitcoin-tool.json");
        ((ObjectNode) event.path("detail")).put("type", "Recon:EC2/Portscan");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void bruteForce_withTheInstanceAsActor_reachesNoVictimRule() {
        ObjectNode event = sample("guardduty-ec2-ssh-brute-force-victim.json");
        ((ObjectNode) event.path("detail").path("service")).put("resourceRole", "ACTOR");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void launchSourceProvenance_failedCallsReadsAndOtherServices_reachNoRule() {
        ObjectNode failed = sample("cloudtrail-autoscaling-create-auto-scaling-group.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "AlreadyExists");
        ObjectNode read = sample("cloudtrail-ec2-request-spot-fleet.json");
        ((ObjectNode) read.path("detail")).put("eventName", "DescribeSpotFleetRequests");
        ObjectNode otherService = sample("cloudtrail-ec2-create-fleet.json");
        otherService.put("source", "aws.gamelift");
        ((ObjectNode) otherService.path("detail")).put("eventSource", "gamelift.amazonaws.com");

        assertThat(matched(failed)).isEmpty();
        assertThat(matched(read)).isEmpty();
        assertThat(matched(otherService)).isEmpty();
    }

    @Test
    void lateRecord_ofAGroupTemplateOrFleet_reachesTheInstanceFunction() {
        for (String type : List.of("auto-scaling-group", "launch-template", "launch-configuration", "spot-fleet",
                "ec2-fleet")) {
            ObjectNode late = sample("tourniquet-resource-of-contained-credential-instance.json");
            ((ObjectNode) late.path("detail").path("record")).put("resourceType", type);
            assertThat(matched(late)).as(type).containsExactly(INSTANCE + "LateInstanceRecordRule");
        }
    }

    @Test
    void failedRunInstances_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-ec2-run-instances.json");
        ((ObjectNode) event.path("detail")).put("errorCode", "Client.UnauthorizedOperation");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void sweepContinued_forAnotherOrNoFunction_reachesNoRule() {
        ObjectNode other = sample("tourniquet-sweep-continued.json");
        ((ObjectNode) other.path("detail")).put("function", "record-provenance");
        ObjectNode none = sample("tourniquet-sweep-continued.json");
        ((ObjectNode) none.path("detail")).remove("function");
        ObjectNode listed = sample("tourniquet-sweep-continued.json");
        ((ObjectNode) listed.path("detail")).putArray("function").add("quarantine-function").add("isolate-instance");

        assertThat(matched(other)).isEmpty();
        assertThat(matched(none)).isEmpty();
        // EventBridge matches an array field on any element: a forged list would reach both; only Tourniquet's
        // roles can put on its bus, and the parser refuses a function that is not one name.
        assertThat(matched(listed)).containsExactlyInAnyOrder(QUARANTINE + "SweepContinuedFunctionsRule",
                INSTANCE + "SweepContinuedInstancesRule");
    }

    @Test
    void sweepContinued_onTheDefaultBus_reachesNoRule() {
        assertThat(ROUTER.route(sample("tourniquet-sweep-continued-instances.json"), "default")).isEmpty();
    }

    @Test
    void credentialContained_onTheTourniquetBus_reachesTheInstanceSweep() {
        ObjectNode event = sample("tourniquet-credential-compromised.json");
        event.put("detail-type", "Credential Contained");
        assertThat(matched(event)).contains(INSTANCE + "InstanceSweepRule");
        assertThat(ROUTER.route(event, "default")).isEmpty();
    }

    /**
     * The extra-types rule's pattern is the parameter split at commas (read here as the literal
     * {@code !Split} arguments, which is all a template file holds): it must exist, on the default bus,
     * only when the parameter is set, and match instance findings only.
     */
    @Test
    void extraInstanceFindingRule_isBuiltFromTheParameter() {
        JsonNode rule = TemplateRules.load(ProjectRoot.locate().resolve("template.yaml")).resources()
                .path("ExtraInstanceFindingRule");
        assertThat(rule.path("Condition").asText()).isEqualTo("HasExtraInstanceFindingTypes");
        JsonNode pattern = rule.path("Properties").path("EventPattern");
        assertThat(pattern.path("detail").path("type").toString()).isEqualTo("[\",\",\"ExtraInstanceFindingTypes\"]");
        assertThat(pattern.path("detail").path("resource").path("resourceType").toString()).isEqualTo("[\"Instance\"]");
    }

    /** The extra-types rule as deployed with one type: the instance acting, or a finding naming no role. */
    @Test
    void extraInstanceFindingRule_withATypeSet_routesActorsAndRolelessFindingsButNotTargets() throws Exception {
        ObjectNode pattern = (ObjectNode) TemplateRules.load(ProjectRoot.locate().resolve("template.yaml")).resources()
                .path("ExtraInstanceFindingRule").path("Properties").path("EventPattern").deepCopy();
        ((ObjectNode) pattern.path("detail")).putArray("type").add("UnauthorizedAccess:EC2/SSHBruteForce");
        software.amazon.event.ruler.Machine machine = new software.amazon.event.ruler.Machine();
        machine.addRule("extra", pattern.toString());
        ObjectNode event = sample("guardduty-ec2-ssh-brute-force-victim.json");
        ObjectNode service = (ObjectNode) event.path("detail").path("service");

        assertThat(machine.rulesForJSONEvent(event.toString())).isEmpty();
        service.put("resourceRole", "ACTOR");
        assertThat(machine.rulesForJSONEvent(event.toString())).containsExactly("extra");
        service.remove("resourceRole");
        assertThat(machine.rulesForJSONEvent(event.toString())).containsExactly("extra");
    }

    @Test
    void everyRuleInTheTemplate_isExercisedBySomeSample() {
        Set<String> used = new java.util.HashSet<>(EXPECTED.values().stream().flatMap(Set::stream).toList());
        used.add(INSTANCE + "ExtraInstanceFindingRule"); // its pattern is a parameter: see the test above
        List<String> rules = TemplateRules.load(ProjectRoot.locate().resolve("template.yaml")).rules().stream()
                .map(r -> r.function() + "/" + r.name()).toList();
        assertThat(used).containsAll(rules);
    }

    @Test
    void everyExpectedFile_exists() {
        assertThat(EXPECTED.keySet()).allMatch(f -> Path.of(ProjectRoot.locate().toString(), "events", f).toFile().isFile());
    }

    /** A sample event from {@code events/}, as a mutable tree. */
    private static ObjectNode sample(String name) {
        return (ObjectNode) EventFiles.read(ProjectRoot.locate().resolve("events").resolve(name));
    }
}

package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.function.credential.ContainCredentialHandler;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.records.IncidentStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/** The credential function end to end on moto server, through the rules of template.yaml. */
class ContainCredentialIT {
    private static final String FUNCTION = "ContainCredentialFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();

    private Emulator emulator;
    private IamClient iam;

    private void scene(Mode mode, List<String> exempt) {
        emulator = Emulator.freshWithoutExposureHold(mode, exempt);
        iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        iam.createUser(r -> r.userName("owner"));
    }

    private String newKey(String user) {
        return iam.createAccessKey(r -> r.userName(user)).accessKey().accessKeyId();
    }

    private StatusType status(String user, String key) {
        return iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).map(AccessKeyMetadata::status).findFirst().orElseThrow();
    }

    private List<ObjectNode> deliver(JsonNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
        Emulator.assertOnlyFixedPolicyWrites(emulator.recorder());
        return deliveries;
    }

    private static ObjectNode exposed(String key) {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).put("entityValue", key);
        return event;
    }

    private static ObjectNode accessKeyFinding(String sample, String key, String user) {
        ObjectNode event = Emulator.sample(sample);
        ObjectNode details = (ObjectNode) event.path("detail").path("resource").path("accessKeyDetails");
        details.put("accessKeyId", key).put("userName", user);
        return event;
    }

    private static JsonNode firstIncident(List<ObjectNode> deliveries) {
        return deliveries.get(0).path("response").path("incidents").get(0);
    }

    @Test
    void exposedKey_userWithTwoKeys_deactivatesOnlyThatKeyAndQuarantinesUser() throws Exception {
        scene(Mode.ENFORCE, List.of());
        String leaked = newKey("deploy-bot");
        String other = newKey("deploy-bot");

        List<ObjectNode> deliveries = deliver(exposed(leaked));

        assertThat(deliveries.get(0).path("function").asText()).isEqualTo(FUNCTION);
        assertThat(status("deploy-bot", leaked)).isEqualTo(StatusType.INACTIVE);
        assertThat(status("deploy-bot", other)).isEqualTo(StatusType.ACTIVE);
        assertThat(Quarantine.policies(iam, "deploy-bot")).containsExactly(Quarantine.POLICY_ARN);
        String version = iam.getPolicy(r -> r.policyArn(Quarantine.POLICY_ARN)).policy().defaultVersionId();
        String policy = iam.getPolicyVersion(r -> r.policyArn(Quarantine.POLICY_ARN).versionId(version)).policyVersion()
                .document();
        JsonNode statement = Json.MAPPER.readTree(java.net.URLDecoder.decode(policy, "UTF-8")).path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(statement.path("Action").asText()).isEqualTo("*");
        JsonNode incident = firstIncident(deliveries);
        assertThat(incident.path("steps").findValuesAsText("result"))
                .containsExactly("applied", "applied", "applied");
        assertThat(incident.path("steps").get(0).path("prior").path("keyStatuses").path(other).asText())
                .isEqualTo("Active");

        String incidentId = incident.path("incidentId").asText();
        Map<String, AttributeValue> record = emulator.admin().dynamoDb().getItem(r -> r
                .tableName("tourniquet-incidents")
                .key(IncidentStore.incidentKey(incidentId)))
                .item();
        assertThat(record.get("status").s()).isEqualTo("COMPLETED");
        assertThat(record.get("steps").s()).contains("deactivate-access-key", "\"Active\"");

        new EvidenceCheck(emulator, incidentId).assertLockedAndHashed(Set.of("event.json", "prior-state.json",
                "actions.json", "manifest.json"));

        List<String> alerts = emulator.account().takeAlerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).contains("deactivate-access-key on " + leaked + ": applied",
                "aws iam update-access-key --user-name deploy-bot --access-key-id " + leaked + " --status Active");
        assertThat(deliveries).anySatisfy(d ->
                assertThat(d.path("detailType").asText()).isEqualTo("Credential Contained"));
    }

    @Test
    void exposedKey_userManagedPolicyQuotaFull_putsTheFixedInlineDenyAllInsteadAndRecordsWhich() {
        // moto never refuses an attachment: the fault proxy stands in for IAM's quota of managed policies per user.
        emulator = Emulator.faulty(Emulator::withoutExposureHold, List.of(), 0, 1);
        iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        String leaked = newKey("deploy-bot");
        emulator.proxy().refuseNext("AttachUserPolicy", "LimitExceeded");

        JsonNode incident = firstIncident(deliver(exposed(leaked)));

        assertThat(status("deploy-bot", leaked)).isEqualTo(StatusType.INACTIVE);
        assertThat(Quarantine.policies(iam, "deploy-bot")).containsExactly(Quarantine.INLINE);
        JsonNode quarantine = incident.path("steps").get(1);
        assertThat(quarantine.path("result").asText()).isEqualTo("applied");
        assertThat(quarantine.path("prior").path("via").asText()).isEqualTo("inline");
        assertThat(quarantine.path("detail").asText()).contains("managed-policy quota is full");
    }

    @Test
    void snapStartPriming_buildsTheClientsAndMakesOneHarmlessRead() throws Exception {
        scene(Mode.ENFORCE, List.of());
        OperationRecorder priming = new OperationRecorder();
        ContainCredentialHandler handler = new ContainCredentialHandler(new AwsClients(emulator.configuration(),
                List.of(priming)));

        handler.beforeCheckpoint(null);

        assertThat(priming.actions()).containsExactly("dynamodb:GetItem");
        PERFORMED.addAll(priming.actions());
        assertThat(emulator.admin().dynamoDb().scan(r -> r.tableName(emulator.configuration().tableName())).count())
                .as("nothing recorded").isZero();
    }

    @Test
    void snapStartPriming_whoseReadFails_stillLetsTheSnapshotBeTaken() throws Exception {
        scene(Mode.ENFORCE, List.of());
        Configuration withoutTable = emulator.configuration().toBuilder().tableName("no-such-table").build();
        ContainCredentialHandler handler = new ContainCredentialHandler(new AwsClients(withoutTable));

        assertThatCode(() -> handler.beforeCheckpoint(null)).doesNotThrowAnyException();
    }

    @Test
    void exposedKey_deliveredTwice_actsOnce() {
        scene(Mode.ENFORCE, List.of());
        String leaked = newKey("deploy-bot");
        ObjectNode event = exposed(leaked);
        deliver(event);
        emulator.account().takeAlerts();
        emulator.recorder().clear();

        List<ObjectNode> again = deliver(event);

        assertThat(firstIncident(again).path("claim").asText()).isEqualTo("duplicate");
        assertThat(emulator.recorder().actions()).doesNotContain("iam:UpdateAccessKey", "iam:AttachUserPolicy", "iam:PutUserPolicy",
                "sns:Publish", "events:PutEvents");
        assertThat(emulator.account().takeAlerts()).isEmpty();
        assertThat(status("deploy-bot", leaked)).isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void sameKey_secondFinding_findsEverythingAlreadyApplied() {
        scene(Mode.ENFORCE, List.of());
        String leaked = newKey("deploy-bot");
        deliver(exposed(leaked));

        List<ObjectNode> second = deliver(accessKeyFinding("guardduty-accesskey-malicious-ip-caller.json", leaked,
                "deploy-bot"));

        assertThat(firstIncident(second).path("steps").findValuesAsText("result"))
                .containsExactly("already_applied", "already_applied", "applied");
    }

    @Test
    void planMode_changesNothingButRecordsAndAlerts() {
        scene(Mode.PLAN, List.of());
        String leaked = newKey("deploy-bot");

        List<ObjectNode> deliveries = deliver(exposed(leaked));

        assertThat(status("deploy-bot", leaked)).isEqualTo(StatusType.ACTIVE);
        assertThat(iam.listUserPolicies(r -> r.userName("deploy-bot")).policyNames()).isEmpty();
        assertThat(firstIncident(deliveries).path("steps").findValuesAsText("result"))
                .containsExactly("planned", "planned", "planned");
        assertThat(emulator.account().takeAlerts()).singleElement().asString().contains("would deactivate " + leaked);
        assertThat(emulator.recorder().actions()).doesNotContain("iam:UpdateAccessKey", "iam:AttachUserPolicy", "iam:PutUserPolicy",
                "events:PutEvents");
    }

    @Test
    void exemptPrincipal_changesNothing() {
        scene(Mode.ENFORCE, List.of("arn:aws:iam::123456789012:user/deploy-*"));
        String leaked = newKey("deploy-bot");

        List<ObjectNode> deliveries = deliver(exposed(leaked));

        assertThat(status("deploy-bot", leaked)).isEqualTo(StatusType.ACTIVE);
        assertThat(firstIncident(deliveries).path("decision").asText()).isEqualTo("record_only");
        assertThat(firstIncident(deliveries).path("rationale").asText()).contains("exempt");
    }

    @Test
    void exemptTag_writtenBeforeTheIncidentBySomeoneElse_changesNothing() {
        scene(Mode.ENFORCE, List.of());
        iam.tagUser(r -> r.userName("owner").tags(t -> t.key("tourniquet:exempt").value("break-glass")));
        deliver(TagRecords.tagUser("owner", TagRecords.ADMIN, TagRecords.ADMIN_KEY, "2026-11-10T09:00:00Z"));
        String key = newKey("owner");

        JsonNode incident = firstIncident(deliver(exposed(key)));

        assertThat(incident.path("decision").asText()).isEqualTo("record_only");
        assertThat(incident.path("rationale").asText()).contains("platform-admin", "before the incident");
        assertThat(status("owner", key)).isEqualTo(StatusType.ACTIVE);
        assertThat(iam.listUserPolicies(r -> r.userName("owner")).policyNames()).isEmpty();
    }

    @Test
    void exemptTag_writtenByTheUserItself_isIgnored_andTheKeyContained() {
        scene(Mode.ENFORCE, List.of());
        String key = newKey("deploy-bot");
        iam.tagUser(r -> r.userName("deploy-bot").tags(t -> t.key("tourniquet:exempt").value("ci")));
        deliver(TagRecords.tagUser("deploy-bot", "arn:aws:iam::123456789012:user/deploy-bot", key,
                "2026-11-20T03:12:30Z"));

        JsonNode incident = firstIncident(deliver(exposed(key)));

        assertThat(incident.path("decision").asText()).isEqualTo("act");
        assertThat(incident.path("rationale").asText()).contains("IGNORED", key);
        assertThat(status("deploy-bot", key)).isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void roleSessionFinding_revokesThatOneSessionOnly() throws Exception {
        scene(Mode.ENFORCE, List.of());
        iam.createRole(r -> r.roleName("web-instance-role").assumeRolePolicyDocument(TRUST));

        List<ObjectNode> deliveries = deliver(Emulator.sample("guardduty-accesskey-credential-exfiltration.json"));

        assertThat(firstIncident(deliveries).path("steps").get(0).path("result").asText()).isEqualTo("applied");
        // The finding's principalId is AROA…:i-0a1b2c3d4e5f67890: that instance's session, not the whole role.
        assertThat(iam.listRolePolicies(r -> r.roleName("web-instance-role")).policyNames())
                .containsExactly("TourniquetRevokeSession-i-0a1b2c3d4e5f67890");
        String document = iam.getRolePolicy(r -> r.roleName("web-instance-role")
                .policyName("TourniquetRevokeSession-i-0a1b2c3d4e5f67890")).policyDocument();
        assertThat(java.net.URLDecoder.decode(document, "UTF-8")).contains("aws:TokenIssueTime", "DateLessThan",
                "\"aws:userid\":\"*:i-0a1b2c3d4e5f67890\"");
    }

    @Test
    void tourniquetsOwnRole_isNeverTouched_butARolePathedLikeItIs() {
        scene(Mode.ENFORCE, List.of());
        String own = emulator.configuration().ownStack().roleArns().iterator().next();
        String ownName = own.substring(own.lastIndexOf('/') + 1);
        iam.createRole(r -> r.roleName("web-instance-role").path("/tourniquet/").assumeRolePolicyDocument(TRUST));
        ObjectNode ownSession = Emulator.sample("guardduty-accesskey-credential-exfiltration.json");
        ((ObjectNode) ownSession.at("/detail/resource/accessKeyDetails")).put("userName", ownName);

        List<ObjectNode> deliveries = deliver(ownSession);
        ObjectNode pathedLikeIt = Emulator.sample("guardduty-accesskey-credential-exfiltration.json");
        ((ObjectNode) pathedLikeIt.path("detail")).put("id", "7f3c2a1b0e9d8c7b6a5f4e3d2c1b0a99");
        ((ObjectNode) pathedLikeIt.at("/detail/resource/accessKeyDetails")).put("accessKeyId", "ASIAOTHERSESSION0001");
        List<ObjectNode> lookalike = deliver(pathedLikeIt);

        assertThat(firstIncident(deliveries).path("decision").asText()).isEqualTo("record_only");
        assertThat(firstIncident(deliveries).path("rationale").asText()).contains("Tourniquet's own roles");
        assertThat(iam.listRolePolicies(r -> r.roleName(ownName)).policyNames()).isEmpty();
        assertThat(firstIncident(lookalike).path("decision").asText()).isEqualTo("act");
        assertThat(iam.listRolePolicies(r -> r.roleName("web-instance-role")).policyNames()).isNotEmpty();
    }

    @Test
    void rootCredentialUsage_alertsOnlyAndChangesNothing() {
        scene(Mode.ENFORCE, List.of());

        List<ObjectNode> deliveries = deliver(Emulator.sample("guardduty-accesskey-root-credential-usage.json"));

        assertThat(firstIncident(deliveries).path("decision").asText()).isEqualTo("alert_only");
        assertThat(emulator.account().takeAlerts()).singleElement().asString().contains("ROOT CREDENTIALS IN USE");
        assertThat(emulator.recorder().actions()).noneMatch(a -> a.startsWith("iam:"));
    }

    @Test
    void sampleFinding_isRecordedNeverEnforced() {
        scene(Mode.ENFORCE, List.of());

        List<ObjectNode> deliveries = deliver(Emulator.sample("guardduty-accesskey-sample.json"));

        assertThat(firstIncident(deliveries).path("decision").asText()).isEqualTo("record_only");
        assertThat(emulator.recorder().actions()).doesNotContain("iam:UpdateAccessKey", "iam:AttachUserPolicy", "iam:PutUserPolicy");
    }

    @Test
    void olderFindingRevision_arrivingLate_isStale() {
        scene(Mode.ENFORCE, List.of());
        String leaked = newKey("deploy-bot");
        ObjectNode newer = accessKeyFinding("guardduty-accesskey-malicious-ip-caller.json", leaked, "deploy-bot");
        ObjectNode older = newer.deepCopy();
        ((ObjectNode) older.path("detail")).put("updatedAt", "2020-01-01T00:00:00.000Z");
        older.put("id", "0f5c2e1a-older-revision");
        deliver(newer);

        List<ObjectNode> late = deliver(older);

        assertThat(firstIncident(late).path("claim").asText()).isEqualTo("stale");
    }

    @Test
    void chainEvent_credentialCompromised_containsTheKey() {
        scene(Mode.ENFORCE, List.of());
        String key = newKey("deploy-bot");
        ObjectNode event = Emulator.sample("tourniquet-credential-compromised.json");
        ((ObjectNode) event.path("detail")).put("accessKeyId", key);

        List<ObjectNode> deliveries = deliver(event);

        assertThat(deliveries.get(0).path("bus").asText()).isEqualTo("tourniquet");
        assertThat(status("deploy-bot", key)).isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void malformedEvents_areRejectedWithoutActionOrRetry() {
        scene(Mode.ENFORCE, List.of());
        String key = newKey("deploy-bot");
        ObjectNode notAKey = exposed("not-a-key");
        ObjectNode noEntities = exposed(key);
        ((ObjectNode) noEntities.path("detail")).remove("affectedEntities");
        ObjectNode unknownKey = exposed("AKIAUNKNOWNKEY000000");

        for (ObjectNode event : List.of(notAKey, noEntities)) {
            List<ObjectNode> deliveries = deliver(event);
            assertThat(deliveries.get(0).path("response").path("status").asText()).isEqualTo("rejected");
            assertThat(deliveries.get(0).has("error")).isFalse();
        }
        assertThat(firstIncident(deliver(unknownKey)).path("decision").asText()).isEqualTo("resource_gone");
        assertThat(emulator.recorder().actions()).doesNotContain("iam:UpdateAccessKey", "iam:AttachUserPolicy", "iam:PutUserPolicy");
        assertThat(status("deploy-bot", key)).isEqualTo(StatusType.ACTIVE);
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(PERFORMED).contains("iam:UpdateAccessKey", "iam:AttachUserPolicy", "iam:PutUserPolicy",
                "iam:PutRolePolicy",
                "dynamodb:PutItem", "s3:PutObject", "sns:Publish", "events:PutEvents");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }

    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
}

package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the samples' CloudTrail records open or share to others, read as share provenance. */
class ShareEventReaderTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String WORKER = "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1";
    private static final String LAYER = "arn:aws:lambda:us-west-2:123456789012:layer:xmrig-lib:1";
    private final SignalParser parser = new SignalParser();

    private List<Provenance> shares(ObjectNode event) {
        return ((ParseResult.Observed) parser.parse(event)).records().stream()
                .filter(r -> r.resourceType().equals(Shares.TYPE)).toList();
    }

    private static ObjectNode request(ObjectNode event) {
        return event.with("detail").with("requestParameters");
    }

    @Test
    void addPermission_toEveryone_isAShareOfThatStatementBesidesTheFunctionRecord() {
        ParseResult.Observed observed = (ParseResult.Observed) parser.parse(Samples.load("cloudtrail-lambda-add-permission.json"));

        assertThat(observed.records()).extracting(Provenance::resourceType).containsExactly("function", Shares.TYPE);
        Provenance share = observed.records().get(1);
        assertThat(share.resourceId()).isEqualTo("function-permission:" + WORKER + "#allow-any-invoke");
        assertThat(share.details()).containsEntry("principal", "*").containsEntry("public", "true")
                .containsEntry("statementId", "allow-any-invoke").containsEntry("functionArn", WORKER)
                .containsKey("statement");
        assertThat(share.accessKeyId()).contains(KEY);
    }

    @Test
    void addPermission_toAnotherAccount_namesThatAccount() {
        ObjectNode event = Samples.load("cloudtrail-lambda-add-permission.json");
        request(event).put("principal", "arn:aws:iam::444455556666:root");

        assertThat(shares(event)).singleElement().satisfies(s -> assertThat(s.details())
                .containsEntry("accounts", "444455556666").doesNotContainKey("public"));
    }

    @Test
    void addPermission_toThisAccountOrItsOwnSources_sharesNothing() {
        ObjectNode own = Samples.load("cloudtrail-lambda-add-permission.json");
        request(own).put("principal", "123456789012");
        ObjectNode trigger = Samples.load("cloudtrail-lambda-add-permission.json");
        request(trigger).put("sourceAccount", "123456789012");
        ObjectNode service = Samples.load("cloudtrail-lambda-add-permission.json");
        request(service).put("principal", "s3.amazonaws.com");

        assertThat(shares(own)).isEmpty();
        assertThat(shares(trigger)).isEmpty();
        assertThat(shares(service)).isEmpty();
    }

    @Test
    void publishLayerVersion_isAShareOfTheLayerVersion() {
        assertThat(shares(Samples.load("cloudtrail-lambda-publish-layer-version.json"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.resourceId()).isEqualTo("layer:" + LAYER);
                    assertThat(s.details()).containsEntry("layerName", "xmrig-lib").containsEntry("version", "1");
                });
    }

    @Test
    void layersAttached_areTheLayersUseByTheFunction() {
        List<Provenance> records = ((ParseResult.Observed) parser.parse(
                Samples.load("cloudtrail-lambda-update-function-configuration-layers.json"))).records();

        assertThat(records).extracting(Provenance::resourceType).containsExactly("function", Shares.LAYER_USE);
        assertThat(records.get(1).resourceId()).isEqualTo(LAYER);
        assertThat(records.get(1).details()).containsEntry("function",
                "arn:aws:lambda:us-west-2:123456789012:function:image-resizer");
    }

    @Test
    void modifySnapshotAttribute_add_namesTheAccountsAdded() {
        assertThat(shares(Samples.load("cloudtrail-ec2-modify-snapshot-attribute.json"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.resourceId()).isEqualTo("snapshot:snap-0d1e2f3a4b5c6d7e8");
                    assertThat(s.details()).containsEntry("accounts", "444455556666").doesNotContainKey("public");
                    assertThat(s.region()).isEqualTo("ap-southeast-1");
                });
    }

    @Test
    void modifySnapshotAttribute_groupAllAndThisAccount_isPublicWithoutThisAccount() {
        ObjectNode event = Samples.load("cloudtrail-ec2-modify-snapshot-attribute.json");
        request(event).with("createVolumePermission").with("add").withArray("items").removeAll()
                .add(event.objectNode().put("group", "all"))
                .add(event.objectNode().put("userId", "123456789012"));

        assertThat(shares(event)).singleElement().satisfies(s -> assertThat(s.details())
                .containsEntry("public", "true").doesNotContainKey("accounts"));
    }

    @Test
    void modifySnapshotAttribute_remove_isNotAShare() {
        ObjectNode event = Samples.load("cloudtrail-ec2-modify-snapshot-attribute.json");
        ObjectNode permission = request(event).with("createVolumePermission");
        permission.set("remove", permission.remove("add"));

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void modifyImageAttribute_namesTheImageAndAccounts() {
        assertThat(shares(Samples.load("cloudtrail-ec2-modify-image-attribute.json"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.resourceId()).isEqualTo("image:ami-0a1b2c3d4e5f60789");
                    assertThat(s.details()).containsEntry("accounts", "444455556666");
                });
    }

    @Test
    void databaseSnapshots_restoreValuesAdded_areShares() {
        assertThat(shares(Samples.load("cloudtrail-rds-modify-db-snapshot-attribute.json"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.resourceId()).isEqualTo("db-snapshot:orders-db-nightly");
                    assertThat(s.details()).containsEntry("public", "true").doesNotContainKey("accounts");
                });
        assertThat(shares(Samples.load("cloudtrail-rds-modify-db-cluster-snapshot-attribute.json"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.resourceId()).isEqualTo("db-cluster-snapshot:billing-aurora-manual");
                    assertThat(s.details()).containsEntry("accounts", "444455556666");
                });
    }

    @Test
    void databaseSnapshot_otherAttribute_isNotAShare() {
        ObjectNode event = Samples.load("cloudtrail-rds-modify-db-snapshot-attribute.json");
        request(event).put("attributeName", "something-else");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void keyPairs_createdOrImported_areRecordedByName() {
        assertThat(shares(Samples.load("cloudtrail-ec2-import-key-pair.json"))).singleElement()
                .satisfies(s -> assertThat(s.details()).containsEntry("keyPairId", "key-0a1b2c3d4e5f60718"))
                .extracting(Provenance::resourceId).isEqualTo("keypair:ops-backup");
        assertThat(shares(Samples.load("cloudtrail-ec2-create-key-pair.json"))).singleElement()
                .extracting(Provenance::resourceId).isEqualTo("keypair:gpu-batch");
    }

    @Test
    void lateShareRecord_isReadWithItsDetails() {
        ParseResult parsed = parser.parse(Samples.load("tourniquet-resource-of-contained-credential-share-snapshot.json"));

        assertThat(parsed).isInstanceOfSatisfying(ParseResult.LateRecord.class, late -> {
            assertThat(late.record().resourceType()).isEqualTo(Shares.TYPE);
            assertThat(late.record().resourceId()).isEqualTo("snapshot:snap-0d1e2f3a4b5c6d7e8");
            assertThat(late.record().details()).containsEntry("accounts", "444455556666");
        });
    }
}

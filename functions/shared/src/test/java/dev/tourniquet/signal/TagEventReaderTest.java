package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tag writes and identity creations read from the samples' CloudTrail records, as provenance. */
class TagEventReaderTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String WORKER = "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1";
    private final SignalParser parser = new SignalParser();

    private List<Provenance> records(ObjectNode event) {
        return ((ParseResult.Observed) parser.parse(event)).records();
    }

    private static List<String> ids(List<Provenance> records, String type) {
        return records.stream().filter(r -> r.resourceType().equals(type)).map(Provenance::resourceId).toList();
    }

    @Test
    void tagUser_isATagWriteOnTheUserByItsCaller() {
        List<Provenance> records = records(Samples.load("cloudtrail-iam-tag-user.json"));

        assertThat(ids(records, TagWrites.TAG)).containsExactly(TagWrites.tagOf("user/deploy-bot", "tourniquet:exempt"));
        assertThat(records.get(0).accessKeyId()).contains(KEY);
        assertThat(records.get(0).principalArn()).isEqualTo("arn:aws:iam::123456789012:user/deploy-bot");
    }

    @Test
    void lambdaTagResource_isATagWriteOnTheUnqualifiedFunction() {
        ObjectNode event = Samples.load("cloudtrail-lambda-tag-resource.json");
        event.with("detail").with("requestParameters").put("resource", WORKER + ":live");

        assertThat(ids(records(event), TagWrites.TAG)).containsExactly(TagWrites.tagOf(WORKER, "tourniquet:exempt"));
        assertThat(ids(records(event), "function")).isEmpty();
    }

    @Test
    void createTags_isATagWriteOnEachResourceForEachKey() {
        ObjectNode event = Samples.load("cloudtrail-ec2-create-tags.json");
        event.with("detail").with("requestParameters").with("resourcesSet").withArray("items").addObject()
                .put("resourceId", "i-0fedcba9876543210");

        assertThat(ids(records(event), TagWrites.TAG)).containsExactly(
                TagWrites.tagOf("i-0123456789abcdef0", "tourniquet:exempt"),
                TagWrites.tagOf("i-0fedcba9876543210", "tourniquet:exempt"));
    }

    @Test
    void createAccessKey_isTheIdentityItCreated() {
        List<Provenance> records = records(Samples.load("cloudtrail-iam-create-access-key.json"));

        assertThat(ids(records, TagWrites.IDENTITY)).containsExactly(TagWrites.key("AKIAI44QH8DHBEXAMPLE"));
        assertThat(records.get(0).accessKeyId()).contains(KEY);
    }

    @Test
    void tagsGivenAtCreation_areTagWritesBesideTheResourcesProvenance() {
        ObjectNode function = Samples.load("cloudtrail-lambda-create-function.json");
        function.with("detail").with("requestParameters").putObject("tags").put("tourniquet:exempt", "x");
        List<Provenance> created = records(function);
        List<Provenance> launched = records(Samples.load("cloudtrail-ec2-run-instances.json"));

        assertThat(ids(created, "function")).containsExactly(WORKER);
        assertThat(ids(created, TagWrites.TAG)).containsExactly(TagWrites.tagOf(WORKER, "tourniquet:exempt"));
        assertThat(ids(launched, "instance")).containsExactly("i-0123456789abcdef0");
        assertThat(ids(launched, TagWrites.TAG)).containsExactly(TagWrites.tagOf("i-0123456789abcdef0", "Name"));
    }

    @Test
    void createUserAndRole_withTags_areTagWritesAndIdentities() {
        ObjectNode user = Samples.load("cloudtrail-iam-tag-user.json");
        user.with("detail").put("eventName", "CreateUser");
        user.with("detail").with("requestParameters").put("userName", "helper");
        ObjectNode role = Samples.load("cloudtrail-iam-tag-user.json");
        role.with("detail").put("eventName", "CreateRole");
        role.with("detail").with("requestParameters").remove("userName");
        role.with("detail").with("requestParameters").put("roleName", "miner-role");

        assertThat(ids(records(user), TagWrites.IDENTITY)).containsExactly("user/helper");
        assertThat(ids(records(user), TagWrites.TAG)).containsExactly(TagWrites.tagOf("user/helper", "tourniquet:exempt"));
        assertThat(ids(records(role), TagWrites.IDENTITY)).containsExactly("role/miner-role");
    }

    @Test
    void tagWriteNamingNothing_isRejected_andAnAwsServicesCall_isIgnored() {
        ObjectNode empty = Samples.load("cloudtrail-ec2-create-tags.json");
        empty.with("detail").with("requestParameters").remove("resourcesSet");
        ObjectNode service = Samples.load("cloudtrail-ec2-create-tags.json");
        service.with("detail").putObject("userIdentity").put("type", "AWSService")
                .put("invokedBy", "autoscaling.amazonaws.com");

        assertThat(parser.parse(empty)).isInstanceOf(ParseResult.Rejected.class);
        assertThat(parser.parse(service)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void identityOf_usersRolesAndSessions() {
        assertThat(TagWrites.identityOf("arn:aws:iam::123456789012:user/ci/deployer")).contains("user/deployer");
        assertThat(TagWrites.identityOf("arn:aws:iam::123456789012:role/app/web")).contains("role/web");
        assertThat(TagWrites.identityOf("arn:aws-cn:sts::123456789012:assumed-role/web/i-1")).contains("role/web");
        assertThat(TagWrites.identityOf("arn:aws:iam::123456789012:root")).isEmpty();
    }
}

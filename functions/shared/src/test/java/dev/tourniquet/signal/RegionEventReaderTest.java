package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import org.junit.jupiter.api.Test;

class RegionEventReaderTest {
    private static final String SAMPLE = "cloudtrail-account-enable-region.json";

    private final SignalParser parser = new SignalParser();

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) event.at("/detail/requestParameters");
    }

    @Test
    void parse_enableRegion_isProvenanceOfTheRegionAndASignalNamingItsCaller() {
        ParseResult.Observed observed = (ParseResult.Observed) parser.parse(Samples.load(SAMPLE));

        assertThat(observed.records()).singleElement().satisfies(p -> {
            assertThat(p.resourceType()).isEqualTo("account");
            assertThat(p.resourceId()).isEqualTo("region:af-south-1");
            assertThat(p.detail("regionName")).contains("af-south-1");
            assertThat(p.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
            assertThat(p.region()).isEqualTo("us-east-1");
        });
        RegionEnabled enabled = (RegionEnabled) observed.undone().get(0);
        assertThat(enabled.region()).isEqualTo("af-south-1");
        assertThat(enabled.subject()).isEqualTo("region:af-south-1");
        assertThat(enabled.caller().principalArn()).isEqualTo("arn:aws:iam::123456789012:user/deploy-bot");
        assertThat(enabled.inOwnAccount()).isTrue();
        assertThat(enabled.containedBy()).isEmpty();
    }

    @Test
    void parse_managementAccountEnablingAMembersRegion_namesTheMember() {
        ObjectNode event = Samples.load(SAMPLE);
        request(event).put("accountId", "210987654321");

        RegionEnabled enabled = (RegionEnabled) ((ParseResult.Observed) parser.parse(event)).undone().get(0);

        assertThat(enabled.targetAccount()).isEqualTo("210987654321");
        assertThat(enabled.inOwnAccount()).isFalse();
    }

    @Test
    void parse_noRegionName_isRejected_andAFailedCallIgnored() {
        ObjectNode unnamed = Samples.load(SAMPLE);
        request(unnamed).remove("regionName");
        ObjectNode failed = Samples.load(SAMPLE);
        ((ObjectNode) failed.path("detail")).put("errorCode", "ConflictException");

        assertThat(parser.parse(unnamed)).isInstanceOf(ParseResult.Rejected.class);
        assertThat(parser.parse(failed)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void parse_anotherAccountManagementCall_isNotARegionEnabled() {
        ObjectNode event = Samples.load(SAMPLE);
        ((ObjectNode) event.path("detail")).put("eventName", "PutAlternateContact");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }
}

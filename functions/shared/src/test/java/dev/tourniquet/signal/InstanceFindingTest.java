package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GuardDuty instance findings and EC2 CloudTrail records, as the instance function reads them. */
class InstanceFindingTest {
    private final SignalParser parser = new SignalParser();

    static List<String> instanceSamples() {
        return Samples.names().stream().filter(n -> n.startsWith("guardduty-ec2-") || n.startsWith("guardduty-runtime-"))
                .toList();
    }

    private CompromisedInstance instance(ObjectNode event) {
        return (CompromisedInstance) ((ParseResult.Signals) parser.parse(event)).signals().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instanceSamples")
    void parse_everyInstanceSample_namesTheInstanceItsProfileAndItsFamily(String sample) {
        CompromisedInstance instance = instance(Samples.load(sample));
        String type = instance.origin().findingType().orElseThrow();

        assertThat(instance.instanceId()).isEqualTo("i-0123456789abcdef0");
        assertThat(instance.region()).isEqualTo("ap-southeast-1");
        assertThat(instance.facts().instanceProfileArn())
                .contains("arn:aws:iam::123456789012:instance-profile/xmrig-ec2-profile");
        assertThat(instance.facts().tags()).containsEntry("Name", "gpu-batch-01");
        assertThat(instance.mining() || InstanceFindingFamilies.isCompromise(type))
                .isEqualTo(!sample.contains("victim"));
        assertThat(instance.victimOnly()).isEqualTo(sample.contains("victim"));
        assertThat(instance.fromSweep()).isFalse();
    }

    @Test
    void families_miningAndCompromise_areToldApart() {
        assertThat(InstanceFindingFamilies.isMining("CryptoCurrency:EC2/BitcoinTool.B!DNS")).isTrue();
        assertThat(InstanceFindingFamilies.isMining("Impact:Runtime/CryptoMinerExecuted")).isTrue();
        assertThat(InstanceFindingFamilies.isMining("Backdoor:EC2/C&CActivity.B")).isFalse();
        assertThat(InstanceFindingFamilies.isCompromise("Backdoor:EC2/DenialOfService.Tcp")).isTrue();
        assertThat(InstanceFindingFamilies.isCompromise("Trojan:EC2/DNSDataExfiltration")).isTrue();
        assertThat(InstanceFindingFamilies.isCompromise("UnauthorizedAccess:EC2/SSHBruteForce")).isFalse();
    }

    @Test
    void parse_instanceFindingWithoutInstanceId_isRejected() {
        ObjectNode event = Samples.load("guardduty-ec2-bitcoin-tool.json");
        ((ObjectNode) event.path("detail").path("resource").path("instanceDetails")).remove("instanceId");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }

    @Test
    void parse_spotRequest_recordsTheRequestsNotInstances() {
        ParseResult result = parser.parse(Samples.load("cloudtrail-ec2-request-spot-instances.json"));

        assertThat(((ParseResult.Observed) result).records()).extracting(Provenance::resourceType)
                .containsOnly("spot-request");
        assertThat(((ParseResult.Observed) result).records()).extracting(Provenance::resourceId)
                .allMatch(id -> id.startsWith("sir-"));
    }

    @Test
    void parse_startInstances_recordsWhoStartedIt() {
        Provenance started = ((ParseResult.Observed) parser.parse(Samples.load("cloudtrail-ec2-start-instances.json")))
                .records().get(0);

        assertThat(started.resourceId()).isEqualTo("i-0fedcba9876543210");
        assertThat(started.eventName()).isEqualTo("StartInstances");
    }

    @Test
    void facts_roleName_isTheLastSegmentOfTheRoleArn() {
        InstanceFacts facts = new InstanceFacts(java.util.Map.of(), java.util.Optional.empty(),
                java.util.Optional.of("arn:aws:iam::123456789012:role/service/web-role"), java.util.Optional.empty());

        assertThat(facts.roleName()).contains("web-role");
    }
}

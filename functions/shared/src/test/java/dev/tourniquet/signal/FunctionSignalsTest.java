package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The samples the function quarantine handles: Lambda findings, Lambda provenance, the sweep. */
class FunctionSignalsTest {
    private static final String WORKER = "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1";
    private final SignalParser parser = new SignalParser();

    static List<String> lambdaCloudTrail() {
        // Tag writes name the function too, but as a tag write (TagEventReaderTest); tampering records are read by the
        // tampering function's own parser; the records of a change that may undo a quarantine are no provenance
        // (UndoEventParserTest); layers published and attached are shares (ShareEventReaderTest).
        // The miner-shaped function outside a footprint is another function by another caller (SpendShapeReaderTest).
        return Samples.names().stream().filter(n -> n.startsWith("cloudtrail-lambda-") && !n.contains("tag-resource")
                && !n.contains("layer") && !n.contains("miner")
                && !TamperingEventParserTest.isTampering(n) && !UndoEventParserTest.RESOURCES.containsKey(n)).toList();
    }

    static List<String> lambdaFindings() {
        // A member account's finding names the member's function (ThisAccountOnlyTest).
        return Samples.names().stream().filter(n -> n.startsWith("guardduty-lambda-") && !n.contains("member-account"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lambdaCloudTrail")
    void parse_lambdaCloudTrailRecord_givesWhoChangedWhichFunction(String sample) {
        ParseResult.Observed observed = (ParseResult.Observed) parser.parse(Samples.load(sample));

        Provenance provenance = observed.records().get(0);
        assertThat(provenance.resourceType()).isEqualTo("function");
        assertThat(provenance.resourceId()).isEqualTo(WORKER);
        assertThat(provenance.region()).isEqualTo("us-west-2");
        assertThat(provenance.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
        assertThat(provenance.principalArn()).isEqualTo("arn:aws:iam::123456789012:user/deploy-bot");
        assertThat(provenance.principalType()).isEqualTo("IAMUser");
        assertThat(provenance.eventName()).endsWith(sample.contains("url") ? "20211031" : sample.contains("permission")
                || sample.contains("update") ? "v2" : "20150331");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lambdaFindings")
    void parse_lambdaFinding_namesTheUnqualifiedFunctionAndItsRole(String sample) {
        CompromisedFunction function = (CompromisedFunction) ((ParseResult.Signals) parser.parse(Samples.load(sample)))
                .signals().get(0);

        assertThat(function.functionArn()).isEqualTo(WORKER);
        assertThat(function.functionName()).isEqualTo("xmrig-worker-1");
        assertThat(function.roleArn()).contains("arn:aws:iam::123456789012:role/xmrig-exec");
        assertThat(function.facts()).isEmpty();
        assertThat(function.fromSweep()).isFalse();
    }

    @Test
    void parse_memberAccountFinding_isAboutTheMemberAndDeliveredToTheAdministrator() {
        CompromisedFunction function = (CompromisedFunction) ((ParseResult.Signals) parser.parse(
                Samples.load("guardduty-lambda-member-account.json"))).signals().get(0);

        assertThat(function.origin().accountId()).isEqualTo("111122223333");
        assertThat(function.origin().deliveredTo()).isEqualTo("123456789012");
        assertThat(function.functionArn()).isEqualTo("arn:aws:lambda:us-west-2:111122223333:function:xmrig-worker-1");
    }

    @Test
    void parse_findingOnAQualifiedFunctionArn_givesTheUnqualifiedFunction() {
        ObjectNode event = Samples.load("guardduty-lambda-tor-relay.json");
        event.with("detail").with("resource").with("lambdaDetails").put("functionArn", WORKER + ":live");

        CompromisedFunction function = (CompromisedFunction) ((ParseResult.Signals) parser.parse(event)).signals().get(0);

        assertThat(function.functionArn()).isEqualTo(WORKER);
    }

    @Test
    void parse_lambdaFindingWithoutFunctionArn_isRejected() {
        ObjectNode event = Samples.load("guardduty-lambda-bitcoin-tool.json");
        event.with("detail").with("resource").with("lambdaDetails").remove("functionArn");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }

    // Found by fuzzing (HandlerFuzzTest): role "../../etc" planned revoke-role-sessions on role/etc, and a bare
    // "tourniquet-…" passed as no role of Tourniquet's own (that check reads a role ARN).
    @Test
    void parse_lambdaFindingWhoseRoleIsNoRoleArn_givesTheFunctionWithoutARole() {
        for (String role : List.of("../../etc", "tourniquet-contain-credential", "arn:aws:iam::123456789012:user/x",
                "arn:aws:iam::123456789012:role/")) {
            ObjectNode event = Samples.load("guardduty-lambda-bitcoin-tool.json");
            event.with("detail").with("resource").with("lambdaDetails").put("role", role);

            CompromisedFunction function = (CompromisedFunction) ((ParseResult.Signals) parser.parse(event))
                    .signals().get(0);

            assertThat(function.functionArn()).as(role).isEqualTo(WORKER);
            assertThat(function.roleArn()).as(role).isEmpty();
        }
    }

    @Test
    void parse_credentialContained_givesASweepOfThatKeyAndPrincipal() {
        ParseResult.Sweep sweep = (ParseResult.Sweep) parser.parse(Samples.load("tourniquet-credential-contained.json"));

        assertThat(sweep.request().accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(sweep.request().principalArn()).contains("arn:aws:iam::123456789012:user/deploy-bot");
        assertThat(sweep.request().incidentId()).isEqualTo("inc-7b1d9e3a5c2f4e6a8b0c");
    }
}

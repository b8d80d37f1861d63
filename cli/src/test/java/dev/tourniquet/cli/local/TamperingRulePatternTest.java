package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Tampering;
import dev.tourniquet.signal.TamperingEventParser;
import dev.tourniquet.signal.Weakening;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tampering rules of {@code template.yaml} through event-ruler, and what the tampering function makes of what they
 * deliver: named positive and negative cases. A rule may deliver a change to someone else's rule or role (a pattern
 * cannot know exact identities); the function then ignores it.
 */
class TamperingRulePatternTest {
    private static final String TAMPERING = "UndoTamperingFunction/";
    private static final TemplateRules TEMPLATE = TemplateRules.load(ProjectRoot.locate().resolve("template.yaml"));
    private static final EventRouter ROUTER = new EventRouter(TEMPLATE);
    private static final OwnStack OWN = new OwnStack(
            "arn:aws:cloudformation:us-east-1:123456789012:stack/tourniquet/5b6c1a10-8a3e-11ef-9d5e-0a1b2c3d4e5f",
            Set.of("tourniquet-contain-credential"), ownRuleNames(),
            Set.of("arn:aws:iam::123456789012:role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12"), Set.of());
    private static final TamperingEventParser PARSER = new TamperingEventParser(OWN, List.of());

    // The rule names the template gives the functions (OWN_RULE_NAMES), read from it.
    private static Set<String> ownRuleNames() {
        String names = TEMPLATE.functionGlobals().at("/Environment/Variables/OWN_RULE_NAMES").asText();
        return java.util.Arrays.stream(names.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private static Set<String> matched(JsonNode event) {
        return ROUTER.route(event, "default").stream().map(r -> r.function() + "/" + r.name()).collect(Collectors.toSet());
    }

    private static ObjectNode sample(String name) {
        return (ObjectNode) EventFiles.read(ProjectRoot.locate().resolve("events").resolve(name));
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) event.at("/detail/requestParameters");
    }

    @Test
    void everyTamperingRule_hasAFixedName_listedAsTourniquetsOwn() {
        Set<String> own = ownRuleNames();
        JsonNode events = TEMPLATE.resources().at("/UndoTamperingFunction/Properties/Events");
        events.properties().forEach(e -> {
            JsonNode properties = e.getValue().path("Properties");
            String name = properties.path("RuleName").asText(properties.path("Name").asText());
            assertThat(name).as(e.getKey()).startsWith("tourniquet-");
            assertThat(own).as(e.getKey()).contains(name);
        });
    }

    @Test
    void ownFunction_byNameOrArn_matches_someoneElsesFunction_doesNot() {
        ObjectNode event = sample("cloudtrail-lambda-put-function-concurrency-own.json");
        request(event).put("functionName", "arn:aws:lambda:us-east-1:123456789012:function:tourniquet-contain-credential");
        assertThat(matched(event)).containsExactly(TAMPERING + "TamperOwnFunctions");

        request(event).put("functionName", "xmrig-worker-1");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void functionNamedLikeTourniquets_matchesTheRule_butIsIgnored() {
        ObjectNode event = sample("cloudtrail-lambda-put-function-concurrency-own.json");
        request(event).put("functionName", "tourniquet-miner");
        assertThat(matched(event)).containsExactly(TAMPERING + "TamperOwnFunctions");
        assertThat(PARSER.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void failedCall_matchesNoRule() {
        ObjectNode event = sample("cloudtrail-cloudtrail-stop-logging.json");
        ((ObjectNode) event.path("detail")).put("errorCode", "AccessDenied");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void readsOfTheSensors_matchNoRule() {
        ObjectNode trail = sample("cloudtrail-cloudtrail-stop-logging.json");
        ((ObjectNode) trail.path("detail")).put("eventName", "GetTrailStatus");
        ObjectNode detector = sample("cloudtrail-guardduty-update-detector-disable.json");
        ((ObjectNode) detector.path("detail")).put("eventName", "GetDetector");
        assertThat(matched(trail)).isEmpty();
        assertThat(matched(detector)).isEmpty();
    }

    @Test
    void someoneElsesRuleDisabled_matches_butIsIgnored() {
        ObjectNode event = sample("cloudtrail-events-disable-rule-own.json");
        request(event).put("name", "nightly-report");
        assertThat(matched(event)).hasSize(2);
        assertThat(PARSER.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    /** A rule watches the rules: disabling either watcher reaches the other, and it is Tourniquet's own rule. */
    @Test
    void disablingEitherRuleWatcher_isSeenByTheOther() {
        for (String watcher : List.of("tourniquet-tamper-own-rules", "tourniquet-tamper-own-rules-watch")) {
            ObjectNode event = sample("cloudtrail-events-disable-rule-own.json");
            request(event).put("name", watcher);
            String other = watcher.endsWith("-watch") ? "TamperOwnRules" : "TamperOwnRulesWatch";
            assertThat(matched(event)).as(watcher).contains(TAMPERING + other);
            ParseResult parsed = PARSER.parse(event);
            assertThat(parsed).isInstanceOf(ParseResult.Signals.class);
            Tampering tampering = (Tampering) ((ParseResult.Signals) parsed).signals().get(0);
            assertThat(tampering.weakening()).isEqualTo(Weakening.OWN_RULE_DISABLED);
            assertThat(tampering.resource()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/" + watcher);
        }
    }

    @Test
    void ruleOnTourniquetsBus_isKnownByBusAndName() {
        ObjectNode event = sample("cloudtrail-events-disable-rule-own.json");
        request(event).put("name", "tourniquet-credential-compromised").put("eventBusName", "tourniquet");
        ParseResult parsed = PARSER.parse(event);
        assertThat(((Tampering) ((ParseResult.Signals) parsed).signals().get(0)).resource())
                .isEqualTo("arn:aws:events:us-east-1:123456789012:rule/tourniquet/tourniquet-credential-compromised");
    }

    @Test
    void detectorUpdateThatEnables_matchesButIsNotTampering() {
        ObjectNode event = sample("cloudtrail-guardduty-update-detector-disable.json");
        request(event).put("enable", true);
        assertThat(matched(event)).containsExactly(TAMPERING + "TamperGuardDuty");
        assertThat(PARSER.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void terminationProtectionTurnedOn_isNotTampering() {
        ObjectNode event = sample("cloudtrail-cloudformation-update-termination-protection.json");
        request(event).put("enableTerminationProtection", true);
        assertThat(PARSER.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void sameNamedStackInAnotherRegion_isNotTourniquets() {
        ObjectNode event = sample("cloudtrail-cloudformation-update-termination-protection.json");
        ((ObjectNode) event.path("detail")).put("awsRegion", "eu-west-1");
        assertThat(PARSER.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void roleNamedAndPathedLikeTourniquets_isNotTourniquets() {
        ObjectNode event = sample("cloudtrail-iam-put-role-policy-own.json");
        request(event).put("roleName", "tourniquet-miner-role");
        // Also recorded as IAM provenance (a policy put on a role), as any role's is.
        assertThat(matched(event)).filteredOn(rule -> rule.startsWith(TAMPERING))
                .containsExactly(TAMPERING + "TamperOwnResources");
        assertThat(PARSER.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void iamEventOfAnotherKind_matchesNoTamperingRule() {
        assertThat(matched(sample("cloudtrail-iam-create-access-key.json"))).noneMatch(r -> r.startsWith(TAMPERING));
    }
}

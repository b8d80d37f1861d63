package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * {@code forwarder.yaml} read with {@code template.yaml}: every home rule on the default bus that listens to AWS
 * sources (GuardDuty, CloudTrail, Health) has its forwarding twin in every other region, with exactly its pattern,
 * delivered home with the delivery role and never dropped; the rules of global services (IAM, AWS Health's global
 * events) exist only in the us-east-1 forwarder, where their events arrive; and the forwarder's heartbeat rule catches
 * the home heartbeat's write in its own region. (YAML tags are read as their text, as in DeliveryGuaranteesTest.)
 */
class ForwarderTemplateTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = ProjectRoot.locate();
    private static final JsonNode HOME = read("template.yaml");
    private static final JsonNode FORWARDER = read("forwarder.yaml");
    /** Home rules that are the home region's own, never forwarded: the home heartbeat's write names its region. */
    private static final Set<String> HOME_ONLY = Set.of("tourniquet-heartbeat-returned");
    private static final Set<String> GLOBAL_SOURCES = Set.of("aws.iam", "aws.health", "aws.account", "aws.ce");
    private static final String HEARTBEAT = "tourniquet-forward-heartbeat";

    private static JsonNode read(String file) {
        try {
            return YAML.readTree(ROOT.resolve(file).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rule: its name, its pattern as written, its condition ("" if none), its targets. */
    private record Rule(String name, JsonNode pattern, String condition, JsonNode targets) {
    }

    // The home rules on the default bus: SAM EventBridgeRule events and plain rules without EventBusName.
    private static List<Rule> homeRules() {
        List<Rule> rules = new ArrayList<>();
        HOME.path("Resources").properties().forEach(resource -> {
            JsonNode value = resource.getValue();
            JsonNode properties = value.path("Properties");
            switch (value.path("Type").asText()) {
                case "AWS::Serverless::Function" -> properties.path("Events").properties().forEach(event -> {
                    JsonNode p = event.getValue().path("Properties");
                    if ("EventBridgeRule".equals(event.getValue().path("Type").asText()) && !p.has("EventBusName")) {
                        rules.add(new Rule(p.path("RuleName").asText(), p.path("Pattern"), "", null));
                    }
                });
                case "AWS::Events::Rule" -> {
                    // A schedule (the exposure hold's review) matches no event: nothing a forwarder could carry.
                    if (!properties.has("EventBusName") && properties.has("EventPattern")) {
                        rules.add(new Rule(properties.path("Name").asText(), properties.path("EventPattern"),
                                value.path("Condition").asText(""), properties.path("Targets")));
                    }
                }
                default -> { }
            }
        });
        return rules;
    }

    private static Map<String, Rule> forwarderRules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        FORWARDER.path("Resources").forEach(resource -> {
            if ("AWS::Events::Rule".equals(resource.path("Type").asText())) {
                JsonNode p = resource.path("Properties");
                rules.put(p.path("Name").asText(), new Rule(p.path("Name").asText(), p.path("EventPattern"),
                        resource.path("Condition").asText(""), p.path("Targets")));
            }
        });
        return rules;
    }

    private static boolean awsSourcesOnly(Rule rule) {
        JsonNode sources = rule.pattern().path("source");
        if (sources.isEmpty()) {
            return false;
        }
        for (JsonNode source : sources) {
            if (!source.isTextual() || !source.asText().startsWith("aws.")) {
                return false;
            }
        }
        return true;
    }

    private static List<Rule> forwardedHomeRules() {
        return homeRules().stream().filter(ForwarderTemplateTest::awsSourcesOnly)
                .filter(rule -> !HOME_ONLY.contains(rule.name())).toList();
    }

    private static String twinName(String homeName) {
        return homeName.replaceFirst("^tourniquet-", "tourniquet-forward-");
    }

    private static boolean matches(JsonNode event, JsonNode pattern) {
        try {
            Machine machine = new Machine();
            machine.addRule("rule", pattern.toString());
            return !machine.rulesForJSONEvent(event.toString()).isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException("event-ruler: " + e.getMessage(), e);
        }
    }

    @Test
    void everyHomeRuleOnAwsSources_hasItsTwin_withExactlyItsPattern() {
        Map<String, Rule> forwarder = forwarderRules();
        List<Rule> forwarded = forwardedHomeRules();

        assertThat(forwarded).hasSizeGreaterThanOrEqualTo(15);
        assertThat(forwarded).allSatisfy(home -> {
            Rule twin = forwarder.get(twinName(home.name()));
            assertThat(twin).as("twin of %s (run .venv/bin/python scripts/forwarder-template)", home.name()).isNotNull();
            assertThat(twin.pattern()).as(home.name()).isEqualTo(home.pattern());
        });
    }

    @Test
    void everySample_reachesAHomeRule_exactlyWhenItReachesItsTwin() {
        Map<String, Rule> forwarder = forwarderRules();
        List<String> checked = new ArrayList<>();
        for (Path file : EventFiles.samples(ROOT)) {
            JsonNode event = EventFiles.read(file);
            for (Rule home : forwardedHomeRules()) {
                boolean atHome = matches(event, home.pattern());
                assertThat(matches(event, forwarder.get(twinName(home.name())).pattern()))
                        .as("%s through %s and its twin", file.getFileName(), home.name()).isEqualTo(atHome);
                if (atHome) {
                    checked.add(file.getFileName() + " " + home.name());
                }
            }
        }
        // Every forwarded rule is exercised by at least one sample (but the configured extra finding types').
        Set<String> exercised = new TreeSet<>();
        checked.forEach(entry -> exercised.add(entry.split(" ")[1]));
        assertThat(exercised).containsAll(forwardedHomeRules().stream().map(Rule::name)
                .filter(name -> !name.equals("tourniquet-extra-instance-finding")).toList());
    }

    @Test
    void forwarder_hasNoRuleButTheTwinsAndItsHeartbeat() {
        Set<String> expected = new TreeSet<>();
        forwardedHomeRules().forEach(rule -> expected.add(twinName(rule.name())));
        expected.add(HEARTBEAT);

        assertThat(forwarderRules().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void globalServiceRules_areForwardedFromUsEast1Only_theOthersFromEveryRegion() {
        Map<String, Rule> forwarder = forwarderRules();
        assertThat(FORWARDER.at("/Conditions/InUsEast1").toString()).contains("AWS::Region", "us-east-1");
        for (Rule home : forwardedHomeRules()) {
            Set<String> sources = new TreeSet<>();
            home.pattern().path("source").forEach(s -> sources.add(s.asText()));
            String expected = GLOBAL_SOURCES.containsAll(sources) ? "InUsEast1" : home.condition();
            assertThat(forwarder.get(twinName(home.name())).condition()).as(home.name()).isEqualTo(expected);
        }
        assertThat(forwarder.get("tourniquet-forward-containment-undone-iam").condition()).isEqualTo("InUsEast1");
        assertThat(forwarder.get("tourniquet-forward-credentials-exposed").condition()).isEqualTo("InUsEast1");
        assertThat(forwarder.get("tourniquet-forward-region-enabled").condition()).isEqualTo("InUsEast1");
        assertThat(forwarder.get("tourniquet-forward-cost-anomaly").condition()).isEqualTo("InUsEast1");
        assertThat(forwarder.get("tourniquet-forward-usage-alarm").condition()).isEmpty();
        assertThat(forwarder.get("tourniquet-forward-guardduty-lambda-finding").condition()).isEmpty();
    }

    @Test
    void everyForwardingTarget_isTheHomeDefaultBus_withTheDeliveryRole_retriedAndDeadLettered() {
        assertThat(forwarderRules().values()).allSatisfy(rule -> {
            assertThat(rule.targets()).as(rule.name()).hasSize(1);
            JsonNode target = rule.targets().get(0);
            assertThat(target.path("Arn").asText()).as(rule.name())
                    .isEqualTo("arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default");
            assertThat(target.path("RoleArn").asText()).as(rule.name()).isEqualTo("DeliveryRoleArn");
            assertThat(target.at("/DeadLetterConfig/Arn").asText()).as(rule.name()).isEqualTo("DeadLetterQueue.Arn");
            assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt()).as(rule.name()).isPositive();
            assertThat(target.at("/RetryPolicy/MaximumEventAgeInSeconds").asInt()).as(rule.name()).isPositive();
        });
        JsonNode alarm = FORWARDER.at("/Resources/DeadLetterAlarm/Properties");
        assertThat(alarm.at("/Dimensions/0/Value").asText()).isEqualTo("DeadLetterQueue.QueueName");
        assertThat(alarm.at("/AlarmActions/0").asText()).isEqualTo("AlarmTopic");
        assertThat(FORWARDER.at("/Resources/DeadLetterQueuePolicy/Properties/PolicyDocument/Statement/0/Principal/Service")
                .asText()).isEqualTo("events.amazonaws.com");
    }

    @Test
    void forwarder_refusesTheHomeRegion_andTheHomeStack_refusesEveryOtherRegion() {
        assertThat(FORWARDER.at("/Rules/NotTheHomeRegion/Assertions/0/Assert").toString())
                .contains("AWS::Region", "HomeRegion");
        assertThat(HOME.at("/Rules/HomeRegionOnly/Assertions/0/Assert").toString())
                .contains("AWS::Region", "PrimaryRegion");
        assertThat(HOME.at("/Outputs/ForwarderDeliveryRoleArn/Value").asText()).isEqualTo("ForwarderDeliveryRole.Arn");
    }

    @Test
    void heartbeatRule_catchesTheHomeHeartbeatsWrite_onItself_only() {
        JsonNode pattern = forwarderRules().get(HEARTBEAT).pattern().deepCopy();
        // As deployed in eu-west-3 of the sample account.
        String written = pattern.at("/detail/requestParameters/resourceARN/0").asText();
        assertThat(written).isEqualTo("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/" + HEARTBEAT);
        ((ObjectNode) pattern.at("/detail/requestParameters")).putArray("resourceARN").add(written
                .replace("${AWS::Partition}", "aws").replace("${AWS::Region}", "eu-west-3")
                .replace("${AWS::AccountId}", LocalAccount.ACCOUNT_ID));
        JsonNode forwarded = EventFiles.read(ROOT.resolve("events/cloudtrail-events-tag-resource-forwarder-heartbeat.json"));
        JsonNode homeHeartbeat = EventFiles.read(ROOT.resolve("events/cloudtrail-events-tag-resource-heartbeat.json"));

        assertThat(matches(forwarded, pattern)).isTrue();
        assertThat(matches(homeHeartbeat, pattern)).isFalse();
    }

    @Test
    void everyHomeRuleOnTheDefaultBus_listensToAwsSourcesOnly() {
        // What the delivery role may carry is AWS-sourced only; and even if a custom event reached the home default
        // bus, no Tourniquet rule there would match it (chain events live on Tourniquet's own bus).
        assertThat(homeRules()).allSatisfy(rule -> assertThat(awsSourcesOnly(rule)).as(rule.name()).isTrue());
    }
}

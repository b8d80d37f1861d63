package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The EventBridge rules of {@code template.yaml}, read from the template itself: SAM function events of
 * type {@code EventBridgeRule} and plain {@code AWS::Events::Rule} resources targeting a function.
 *
 * <p>CloudFormation short tags ({@code !Ref X}, {@code !GetAtt X.Y}) are read as their plain argument,
 * which is all routing needs: a bus's logical id and a target function's logical id. A pattern value written with
 * {@code !Sub} and pseudo parameters is read as deployed in the local account ({@link LocalAccount#ACCOUNT_ID},
 * partition {@code aws}) in any region: {@code ${AWS::Region}} becomes an event-ruler wildcard. A named schedule
 * (SAM event of type {@code Schedule} with a {@code Name}) is read as the pattern of what it sends: a
 * {@code Scheduled Event} from {@code aws.events} whose {@code resources} is that rule's ARN.
 */
public final class TemplateRules {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final JsonNode resources;
    private final JsonNode functionGlobals;
    private final List<Rule> rules;

    /**
     * One rule.
     *
     * @param name     the SAM event name or rule logical id
     * @param bus      the bus name it listens on ({@code default}, {@code tourniquet})
     * @param pattern  its event pattern, as JSON
     * @param function the logical id of the function it targets
     * @param handler  that function's handler class
     */
    public record Rule(String name, String bus, JsonNode pattern, String function, String handler) {
    }

    private TemplateRules(JsonNode template) {
        this.resources = template.path("Resources");
        this.functionGlobals = template.path("Globals").path("Function");
        this.rules = List.copyOf(read());
    }

    public static TemplateRules load(Path template) {
        try {
            return new TemplateRules(YAML.readTree(template.toFile()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + template + ": " + e.getMessage(), e);
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public JsonNode resources() {
        return resources;
    }

    /** The settings every function shares ({@code Globals.Function}: MemorySize, Runtime …). */
    public JsonNode functionGlobals() {
        return functionGlobals;
    }

    /** The IAM policy statements of one function (its inline {@code Policies}). */
    List<JsonNode> policyStatements(String function) {
        List<JsonNode> statements = new ArrayList<>();
        for (JsonNode policy : resources.path(function).path("Properties").path("Policies")) {
            policy.path("Statement").forEach(statements::add);
        }
        return statements;
    }

    /** The logical ids of the template's Lambda functions. */
    public List<String> functions() {
        List<String> functions = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if ("AWS::Serverless::Function".equals(e.getValue().path("Type").asText())) {
                functions.add(e.getKey());
            }
        });
        return functions;
    }

    private List<Rule> read() {
        List<Rule> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            JsonNode properties = resource.getValue().path("Properties");
            switch (resource.getValue().path("Type").asText()) {
                case "AWS::Serverless::Function" -> properties.path("Events").fields().forEachRemaining(event -> {
                    String type = event.getValue().path("Type").asText();
                    JsonNode p = event.getValue().path("Properties");
                    if ("EventBridgeRule".equals(type) || "CloudWatchEvent".equals(type)) {
                        found.add(new Rule(event.getKey(), busName(p.path("EventBusName")), resolved(p.path("Pattern")),
                                resource.getKey(), properties.path("Handler").asText()));
                    } else if ("Schedule".equals(type) && p.hasNonNull("Name")) {
                        found.add(new Rule(event.getKey(), "default", scheduled(p.path("Name").asText()),
                                resource.getKey(), properties.path("Handler").asText()));
                    }
                });
                case "AWS::Events::Rule" -> {
                    for (JsonNode target : properties.path("Targets")) {
                        String function = target.path("Arn").asText().split("\\.")[0];
                        // A schedule rule (no pattern) is read as what it sends, as a function's Schedule event is.
                        JsonNode pattern = properties.has("ScheduleExpression")
                                ? scheduled(properties.path("Name").asText()) : resolved(properties.path("EventPattern"));
                        found.add(new Rule(resource.getKey(), busName(properties.path("EventBusName")), pattern, function,
                                resources.path(function).path("Properties").path("Handler").asText()));
                    }
                }
                default -> { }
            }
        }
        return found;
    }

    // What a schedule rule sends its target: EventBridge's Scheduled Event, naming the rule (any region).
    private static JsonNode scheduled(String ruleName) {
        com.fasterxml.jackson.databind.node.ObjectNode pattern = YAML.createObjectNode();
        pattern.putArray("source").add("aws.events");
        pattern.putArray("detail-type").add("Scheduled Event");
        pattern.putArray("resources").addObject().put("wildcard", "arn:aws:events:*:" + LocalAccount.ACCOUNT_ID
                + ":rule/" + ruleName);
        return pattern;
    }

    // !Sub "…${AWS::AccountId}…" in a pattern, read as the local account's value; ${AWS::Region}: any region.
    private static JsonNode resolved(JsonNode pattern) {
        JsonNode copy = pattern.deepCopy();
        resolve(copy);
        return copy;
    }

    private static void resolve(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String text = array.get(i).isTextual() ? array.get(i).asText() : null;
                if (text != null && text.contains("${AWS::")) {
                    String value = text.replace("${AWS::Partition}", "aws")
                            .replace("${AWS::AccountId}", LocalAccount.ACCOUNT_ID);
                    array.set(i, value.contains("${AWS::Region}")
                            ? YAML.createObjectNode().put("wildcard", value.replace("${AWS::Region}", "*"))
                            : YAML.getNodeFactory().textNode(value));
                } else {
                    resolve(array.get(i));
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            // {wildcard: !Sub "…${AWS::AccountId}…"}: the same values, inside an operator.
            object.properties().forEach(field -> {
                if (field.getValue().isTextual() && field.getValue().asText().contains("${AWS::")) {
                    field.setValue(YAML.getNodeFactory().textNode(field.getValue().asText()
                            .replace("${AWS::Partition}", "aws").replace("${AWS::AccountId}", LocalAccount.ACCOUNT_ID)
                            .replace("${AWS::Region}", "*")));
                } else {
                    resolve(field.getValue());
                }
            });
        }
    }

    // A bus named by !Ref to a bus resource is that resource's Name; no bus is the default bus.
    private String busName(JsonNode node) {
        if (node.isMissingNode() || node.asText().isEmpty()) {
            return "default";
        }
        JsonNode bus = resources.path(node.asText());
        return bus.isMissingNode() ? node.asText() : bus.path("Properties").path("Name").asText(node.asText());
    }
}

package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.event.ruler.Machine;

/**
 * Matches events against the template's rules with AWS's own matcher (event-ruler), as EventBridge
 * would: a rule only sees events on its own bus.
 */
public final class EventRouter {
    private final Map<String, TemplateRules.Rule> byKey;
    private final Machine machine = new Machine();

    public EventRouter(TemplateRules rules) {
        this.byKey = rules.rules().stream().collect(Collectors.toMap(EventRouter::key, Function.identity()));
        for (Map.Entry<String, TemplateRules.Rule> entry : byKey.entrySet()) {
            try {
                machine.addRule(entry.getKey(), Json.write(entry.getValue().pattern()));
            } catch (Exception e) {
                throw new IllegalStateException("rule " + entry.getKey() + " has an invalid pattern: " + e.getMessage(), e);
            }
        }
    }

    /** The rules on {@code bus} that match {@code event}. */
    public List<TemplateRules.Rule> route(JsonNode event, String bus) {
        List<TemplateRules.Rule> matched = new ArrayList<>();
        try {
            for (String key : machine.rulesForJSONEvent(Json.write(event))) {
                TemplateRules.Rule rule = byKey.get(key);
                if (rule.bus().equals(bus)) {
                    matched.add(rule);
                }
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("event-ruler cannot read the event: " + e.getMessage(), e);
        }
        matched.sort(java.util.Comparator.comparing(TemplateRules.Rule::name));
        return matched;
    }

    private static String key(TemplateRules.Rule rule) {
        return rule.function() + "/" + rule.name();
    }
}

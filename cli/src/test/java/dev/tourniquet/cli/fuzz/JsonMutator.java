package dev.tourniquet.cli.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Mutates events: a copy of a sample, changed at the nodes {@link Mutation}s pick (removed, nulled,
 * retyped, oversized, injected, moved to another account, region or partition). Deterministic: the same
 * sample and mutations always give the same event, so a seed reproduces a failure and shrinking works.
 */
public final class JsonMutator {
    /**
     * What is injected where a resource is named: another account's role, Tourniquet's own functions and roles
     * (by name, path and session), a path traversal, wildcards. Nothing here names a resource of the
     * emulator scenes' owners.
     */
    private static final List<String> INJECTED = List.of(
            "arn:aws:iam::999999999999:role/x",
            "../../etc",
            "tourniquet-contain-credential",
            "arn:aws:iam::123456789012:role/tourniquet/tourniquet-responder",
            "arn:aws:sts::123456789012:assumed-role/tourniquet-quarantine-function/session",
            "arn:aws:lambda:us-east-1:123456789012:function:tourniquet-isolate-instance",
            "*",
            "arn:aws:iam::*:role/*",
            "arn:aws:lambda:*:*:function:*");
    private static final List<String> ACCOUNTS = List.of("999999999999", "000000000000", "12345678901",
            "1234567890123");
    private static final List<String> REGIONS = List.of("eu-central-1", "cn-north-1", "us-gov-west-1", "mars-north-9",
            "");
    private static final List<String> PARTITIONS = List.of("aws-cn", "aws-us-gov", "");
    private static final int[] OVERSIZED_LENGTHS = {1_024, 70_000, 300_000};

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("\\b[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d\\b");
    private static final Pattern PARTITION = Pattern.compile("^aws$|arn:aws:");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutator() {}

    /** {@code sample} (left as it is) with each mutation applied in turn, and what each one changed. */
    public static MutatedEvent mutate(String name, JsonNode sample, List<Mutation> mutations) {
        JsonNode event = sample.deepCopy();
        List<String> changes = new ArrayList<>();
        for (Mutation mutation : mutations) {
            changes.add(apply(event, mutation));
        }
        return new MutatedEvent(name, changes, event);
    }

    // Changes one node of event in place; says what it did ("RETYPE /detail/id → 42").
    private static String apply(JsonNode event, Mutation mutation) {
        List<Slot> slots = slots(event, switch (mutation.kind()) {
            case REMOVE, NULL, RETYPE -> node -> true;
            case OVERSIZE, INJECT -> JsonNode::isValueNode;
            case WRONG_ACCOUNT -> node -> containing(node, ACCOUNT);
            case WRONG_REGION -> node -> containing(node, REGION);
            case WRONG_PARTITION -> node -> containing(node, PARTITION);
        });
        if (slots.isEmpty()) {
            return mutation.kind() + ": nothing to change";
        }
        Slot slot = slots.get(Math.floorMod(mutation.path(), slots.size()));
        JsonNode node = slot.node();
        int value = mutation.value();
        JsonNode replacement = switch (mutation.kind()) {
            case REMOVE -> null;
            case NULL -> NODES.nullNode();
            case RETYPE -> pick(retyped(node), value);
            case OVERSIZE -> NODES.textNode(oversized(node.asText(), OVERSIZED_LENGTHS[
                    Math.floorMod(value, OVERSIZED_LENGTHS.length)]));
            case INJECT -> NODES.textNode(injected(node.asText(), value));
            case WRONG_ACCOUNT -> NODES.textNode(ACCOUNT.matcher(node.asText()).replaceAll(pick(ACCOUNTS, value)));
            case WRONG_REGION -> NODES.textNode(REGION.matcher(node.asText()).replaceAll(pick(REGIONS, value)));
            case WRONG_PARTITION -> NODES.textNode(node.asText().equals("aws") ? pick(PARTITIONS, value)
                    : node.asText().replace("arn:aws:", "arn:" + pick(PARTITIONS, value) + ":"));
        };
        String path = slot.pointer();
        slot.replace(replacement);
        return mutation.kind() + " " + path + (replacement == null ? "" : " → " + abbreviated(replacement));
    }

    // A value naming an account, a region or a partition; an oversized one is not searched (it takes long, and
    // a mutation of it changes nothing more).
    private static boolean containing(JsonNode node, Pattern pattern) {
        return node.isValueNode() && node.asText().length() <= OVERSIZED_LENGTHS[0]
                && pattern.matcher(node.asText()).find();
    }

    /**
     * Where a node sits: its parent (an object, by field name, or an array, by index) and the parent's own
     * slot (null at the top), so that its JSON pointer is spelled out only for the one node changed.
     */
    private record Slot(Slot up, JsonNode parent, String field, int index, JsonNode node) {
        String pointer() {
            String here = "/" + (field != null ? field.replace("~", "~0").replace("/", "~1") : index);
            return up == null ? here : up.pointer() + here;
        }

        // Sets the node, or with null removes it, in its parent.
        void replace(JsonNode replacement) {
            if (parent instanceof ObjectNode object) {
                if (replacement == null) {
                    object.remove(field);
                } else {
                    object.set(field, replacement);
                }
            } else if (parent instanceof ArrayNode array) {
                if (replacement == null) {
                    array.remove(index);
                } else {
                    array.set(index, replacement);
                }
            }
        }
    }

    /** Every node under {@code root} (not root itself) that {@code which} accepts, depth first. */
    private static List<Slot> slots(JsonNode root, Predicate<JsonNode> which) {
        List<Slot> slots = new ArrayList<>();
        collect(null, root, which, slots);
        return slots;
    }

    private static void collect(Slot at, JsonNode node, Predicate<JsonNode> which, List<Slot> slots) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                visit(new Slot(at, node, field.getKey(), -1, field.getValue()), which, slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(new Slot(at, node, null, i, node.get(i)), which, slots);
            }
        }
    }

    private static void visit(Slot slot, Predicate<JsonNode> which, List<Slot> slots) {
        if (which.test(slot.node())) {
            slots.add(slot);
        }
        collect(slot, slot.node(), which, slots);
    }

    // The node as every other JSON type it is not.
    private static List<JsonNode> retyped(JsonNode node) {
        List<JsonNode> candidates = new ArrayList<>();
        if (!node.isTextual()) {
            candidates.add(NODES.textNode(node.isContainerNode() ? Json.write(node) : node.asText()));
        }
        if (!node.isNumber()) {
            candidates.add(node.isTextual() && node.asText().matches("-?\\d{1,18}")
                    ? NODES.numberNode(Long.parseLong(node.asText())) : NODES.numberNode(node.asText().length()));
        }
        if (!node.isBoolean()) {
            candidates.add(NODES.booleanNode(true));
        }
        if (!node.isObject()) {
            ObjectNode wrapped = NODES.objectNode();
            wrapped.set("value", node.deepCopy());
            candidates.add(wrapped);
        }
        if (!node.isArray()) {
            candidates.add(NODES.arrayNode().add(node.deepCopy()));
        }
        if (node.isContainerNode()) {
            candidates.add(node.isObject() ? NODES.arrayNode().addAll(node.valueStream()
                    .<JsonNode>map(JsonNode::deepCopy).toList()) : NODES.objectNode());
        }
        return candidates;
    }

    // The text, then 'A's up to the length: an ARN keeps its start, and is still read as one.
    private static String oversized(String text, int length) {
        return text + "A".repeat(Math.max(0, length - text.length()));
    }

    // In place of the value, after it, or before it.
    private static String injected(String text, int value) {
        String injection = pick(INJECTED, value);
        return switch (Math.floorMod(value / INJECTED.size(), 3)) {
            case 0 -> injection;
            case 1 -> text + injection;
            default -> injection + text;
        };
    }

    private static <T> T pick(List<T> choices, int value) {
        return choices.get(Math.floorMod(value, choices.size()));
    }

    private static String abbreviated(JsonNode node) {
        String text = node.isTextual() ? '"' + node.asText() + '"' : Json.write(node);
        return text.length() <= 80 ? text : text.substring(0, 60) + "…(" + text.length() + " chars)";
    }
}

package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of {@code --parameter-overrides}, read with SAM CLI's grammar ({@code samcli/cli/types.py},
 * {@code CfnParameterOverridesType}): each word holds one or more space-separated pairs, either {@code Key=Value} or
 * {@code ParameterKey=Key,ParameterValue=Value}; a value may be wrapped in double or single quotes (which are
 * removed) and may escape a space or a quote with a backslash. A value runs to the next unescaped space, so
 * {@code AllowedRegions=us-east-1,eu-west-1} is one pair. A later pair for the same key wins.
 *
 * <p>A word {@code file://PATH} names a YAML parameter file, read as SAM reads it: a mapping of names to values (a
 * list becomes its items joined by commas, a null the empty value, {@code $include} further files or pairs), or a
 * list of such mappings and pair strings; a relative path inside a file is taken from that file's folder. SAM's TOML
 * parameter files are refused with a clear message.
 *
 * <p>One difference, on purpose: where SAM silently skips a piece of a word that is not a pair ({@code foo A=1}
 * gives {@code A=1}; {@code A="x"y} gives {@code A=x}), this refuses it and names the piece.
 */
public final class ParameterOverrides {
    /** SAM's two examples, shown in every error. */
    static final String EXAMPLES = "Key=Value, e.g. AllowedRegions=us-east-1,eu-west-1 Mode=plan, or"
            + " ParameterKey=Key,ParameterValue=Value, or file://params.yaml";

    // SAM's key and (space-delimited) value expressions.
    private static final String KEY = "([A-Za-z0-9\"']+)";
    private static final String VALUE = "(\"(?:\\\\.|[^\"\\\\]+)*\"|'(?:\\\\.|[^'\\\\]+)*'|(?:\\\\.|[^ \"\\\\]+)+)";
    private static final Pattern LONG_FORM = Pattern.compile("ParameterKey=" + KEY + ",ParameterValue=" + VALUE);
    private static final Pattern SHORT_FORM = Pattern.compile(KEY + "=" + VALUE);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ParameterOverrides() {}

    /**
     * The pairs of the words, in order.
     *
     * @throws UsageException naming the piece that is not a pair
     */
    public static Map<String, String> parse(List<String> words) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String word : words) {
            read(TextNode.valueOf(word), Path.of("").toAbsolutePath(), new HashSet<>(), pairs);
        }
        return pairs;
    }

    // SAM's convert: a string (a file or pairs), a mapping, a list of either, a null (skipped).
    private static void read(JsonNode value, Path folder, Set<Path> seen, Map<String, String> pairs) {
        if (value.isArray()) {
            value.forEach(item -> read(item, folder, seen, pairs));
        } else if (value.isObject()) {
            value.properties().forEach(entry -> entry(entry.getKey(), entry.getValue(), folder, seen, pairs));
        } else if (value.isTextual() && value.asText().startsWith("file://")) {
            file(folder.resolve(value.asText().substring("file://".length())).normalize(), seen, pairs);
        } else if (value.isTextual()) {
            parseWord(value.asText().strip(), pairs);
        } else if (!value.isNull()) {
            throw new UsageException("--parameter-overrides: " + value + " in a parameter file is neither a pair, a"
                    + " mapping nor a list");
        }
    }

    private static void entry(String key, JsonNode value, Path folder, Set<Path> seen, Map<String, String> pairs) {
        if ("$include".equals(key)) {
            if (!value.isTextual() && !value.isArray()) {
                throw new UsageException("--parameter-overrides: $include takes a file or a list, not " + value);
            }
            read(value, folder, seen, pairs);
        } else if (value.isNull()) {
            pairs.put(unquote(key), "");
        } else if (value.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            value.forEach(item -> {
                if (!item.isNull() && !item.asText().isEmpty()) {
                    items.add(item.asText().strip());
                }
            });
            pairs.put(unquote(key), unquote(String.join(",", items)));
        } else {
            pairs.put(unquote(key), unquote(value.asText()));
        }
    }

    private static void file(Path file, Set<Path> seen, Map<String, String> pairs) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--parameter-overrides: file://" + file + " was not found or is a directory");
        }
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            throw new UsageException("--parameter-overrides: file://" + file + ": the local commands read YAML"
                    + " parameter files (.yaml, .yml), not " + (name.endsWith(".toml") ? "TOML" : "this kind"));
        }
        if (!seen.add(file)) {
            throw new UsageException("--parameter-overrides: file://" + file + " includes itself");
        }
        try {
            read(YAML.readTree(file.toFile()), file.getParent(), seen, pairs);
        } catch (IOException e) {
            throw new UsageException("--parameter-overrides: file://" + file + " is not YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        } finally {
            seen.remove(file);
        }
    }

    private static void parseWord(String word, Map<String, String> pairs) {
        int at = 0;
        while (at < word.length()) {
            if (word.charAt(at) == ' ') {
                at++;
                continue;
            }
            Matcher pair = match(LONG_FORM, word, at);
            if (pair == null) {
                pair = match(SHORT_FORM, word, at);
            }
            if (pair == null) {
                int end = word.indexOf(' ', at);
                String piece = word.substring(at, end < 0 ? word.length() : end);
                throw new UsageException("--parameter-overrides: '" + piece + "' is not a parameter pair ("
                        + EXAMPLES + "; quote a value holding spaces: 'Key=\"a b\"'; an empty value: 'Key=\"\"')"
                        + (piece.endsWith(".json") ? "; event files go before --parameter-overrides, or after --" : ""));
            }
            pairs.put(unquote(pair.group(1)), unquote(pair.group(2)));
            at = pair.end();
        }
    }

    // A match starting at `at` and ending at a space or the word's end.
    private static Matcher match(Pattern pattern, String word, int at) {
        Matcher matcher = pattern.matcher(word).region(at, word.length());
        if (matcher.lookingAt() && (matcher.end() == word.length() || word.charAt(matcher.end()) == ' ')) {
            return matcher;
        }
        return null;
    }

    // SAM's _unquote_wrapped_quotes: drop wrapping quotes, then unescape '\ ', '\"' and '\''.
    static String unquote(String value) {
        String text = value;
        if (text.length() >= 2 && text.charAt(0) == text.charAt(text.length() - 1)
                && (text.charAt(0) == '"' || text.charAt(0) == '\'')) {
            text = text.substring(1, text.length() - 1);
        }
        return text.replace("\\ ", " ").replace("\\\"", "\"").replace("\\'", "'");
    }
}

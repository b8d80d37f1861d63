package dev.tourniquet.cli.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of {@code --parameter-overrides}, read with SAM CLI's grammar ({@code samcli/cli/types.py},
 * {@code CfnParameterOverridesType}): each word holds one or more space-separated pairs, either {@code Key=Value} or
 * {@code ParameterKey=Key,ParameterValue=Value}; a value may be wrapped in double or single quotes (which are
 * removed) and may escape a space or a quote with a backslash. A value runs to the next unescaped space, so
 * {@code AllowedRegions=us-east-1,eu-west-1} is one pair. A later pair for the same key wins.
 *
 * <p>One difference, on purpose: where SAM silently skips a piece of a word that is not a pair ({@code foo A=1}
 * gives {@code A=1}; {@code A="x"y} gives {@code A=x}), this refuses it and names the piece. {@code file://} parameter
 * files are not read.
 */
public final class ParameterOverrides {
    /** SAM's two examples, shown in every error. */
    static final String EXAMPLES = "Key=Value, e.g. AllowedRegions=us-east-1,eu-west-1 Mode=plan, or"
            + " ParameterKey=Key,ParameterValue=Value";

    // SAM's key and (space-delimited) value expressions.
    private static final String KEY = "([A-Za-z0-9\"']+)";
    private static final String VALUE = "(\"(?:\\\\.|[^\"\\\\]+)*\"|'(?:\\\\.|[^'\\\\]+)*'|(?:\\\\.|[^ \"\\\\]+)+)";
    private static final Pattern LONG_FORM = Pattern.compile("ParameterKey=" + KEY + ",ParameterValue=" + VALUE);
    private static final Pattern SHORT_FORM = Pattern.compile(KEY + "=" + VALUE);

    private ParameterOverrides() {}

    /**
     * The pairs of the words, in order.
     *
     * @throws UsageException naming the piece that is not a pair
     */
    public static Map<String, String> parse(List<String> words) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String word : words) {
            if (word.startsWith("file://")) {
                throw new UsageException("--parameter-overrides: parameter files (" + word + ") are not read by the"
                        + " local commands; give the pairs themselves: " + EXAMPLES);
            }
            parseWord(word.strip(), pairs);
        }
        return pairs;
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

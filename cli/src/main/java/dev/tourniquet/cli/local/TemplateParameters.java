package dev.tourniquet.cli.local;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code template.yaml}'s {@code Parameters} with their constraints, and the functions' environment variables each
 * one sets ({@code ENV_VAR: !Ref Parameter} in {@code Globals.Function.Environment} or a function's own
 * {@code Environment}): how {@code --parameter-overrides} reaches the handlers' {@code Configuration.from(env)}, read
 * from the template, so that a new parameter needs no change here.
 */
public final class TemplateParameters {
    private final Map<String, Parameter> parameters;
    private final Map<String, List<String>> environment;

    /**
     * One parameter, as CloudFormation validates it.
     *
     * @param name          its logical name
     * @param type          {@code String}, {@code Number} or {@code CommaDelimitedList}
     * @param allowed       its {@code AllowedValues}; empty: any
     * @param pattern       its {@code AllowedPattern}, which the whole value must match
     * @param minValue      {@code MinValue} (Number)
     * @param maxValue      {@code MaxValue} (Number)
     * @param minLength     {@code MinLength} (String)
     * @param maxLength     {@code MaxLength} (String)
     * @param constraint    its {@code ConstraintDescription}, shown when a value breaks a constraint
     */
    public record Parameter(String name, String type, List<String> allowed, Optional<String> pattern,
                            Optional<BigDecimal> minValue, Optional<BigDecimal> maxValue, Optional<Integer> minLength,
                            Optional<Integer> maxLength, Optional<String> constraint) {

        /** Why CloudFormation would refuse {@code value} for this parameter, or empty when it accepts it. */
        public Optional<String> refusal(String value) {
            if ("Number".equals(type)) {
                BigDecimal number;
                try {
                    number = new BigDecimal(value.strip());
                } catch (NumberFormatException e) {
                    return refuse(value, "a number");
                }
                if (minValue.filter(min -> number.compareTo(min) < 0).isPresent()
                        || maxValue.filter(max -> number.compareTo(max) > 0).isPresent()) {
                    return refuse(value, "a number " + range());
                }
            }
            List<String> items = "CommaDelimitedList".equals(type) ? List.of(value.split(",", -1)) : List.of(value);
            for (String item : items) {
                if (!allowed.isEmpty() && !allowed.contains(item.strip())) {
                    return refuse(value, "one of " + String.join(", ", allowed));
                }
                if (pattern.isPresent() && !matches(pattern.get(), item)) {
                    return refuse(value, constraint.orElse("a value matching " + pattern.get()) + " (AllowedPattern "
                            + pattern.get() + ")");
                }
            }
            if (minLength.filter(min -> value.length() < min).isPresent()
                    || maxLength.filter(max -> value.length() > max).isPresent()) {
                return refuse(value, "a value of " + minLength.map(n -> "at least " + n + " ").orElse("")
                        + maxLength.map(n -> "at most " + n + " ").orElse("") + "characters");
            }
            return Optional.empty();
        }

        private Optional<String> refuse(String value, String accepts) {
            String what = "Number".equals(type) || constraint.isEmpty() || accepts.startsWith(constraint.get())
                    ? accepts : accepts + " (" + constraint.get() + ")";
            return Optional.of("parameter " + name + " takes " + what + ", not '" + value + "'");
        }

        private String range() {
            if (minValue.isPresent() && maxValue.isPresent()) {
                return "from " + minValue.get().toPlainString() + " to " + maxValue.get().toPlainString();
            }
            return minValue.map(min -> "of at least " + min.toPlainString())
                    .orElseGet(() -> "of at most " + maxValue.orElseThrow().toPlainString());
        }

        // CloudFormation matches the whole value against the pattern.
        private static boolean matches(String pattern, String value) {
            try {
                return Pattern.compile(pattern).matcher(value).matches();
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException("template.yaml: the AllowedPattern of a parameter is not a regular"
                        + " expression: " + pattern, e);
            }
        }
    }

    private TemplateParameters(Map<String, Parameter> parameters, Map<String, List<String>> environment) {
        this.parameters = parameters;
        this.environment = environment;
    }

    public static TemplateParameters load(Path template) {
        Map<String, Object> root = CloudFormationYaml.load(template);
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, body) -> parameters.put(name, parameter(name, map(body))));
        Map<String, List<String>> environment = new TreeMap<>();
        List<Object> variableSets = new ArrayList<>();
        variableSets.add(path(root, "Globals", "Function", "Environment", "Variables"));
        map(root.get("Resources")).values().forEach(resource -> {
            String type = String.valueOf(map(resource).get("Type"));
            if (type.equals("AWS::Serverless::Function") || type.equals("AWS::Lambda::Function")) {
                variableSets.add(path(map(resource), "Properties", "Environment", "Variables"));
            }
        });
        for (Object variables : variableSets) {
            map(variables).forEach((variable, value) -> {
                if (map(value).get("Ref") instanceof String ref && parameters.containsKey(ref)) {
                    List<String> names = environment.computeIfAbsent(ref, k -> new ArrayList<>());
                    if (!names.contains(variable)) {
                        names.add(variable);
                    }
                }
            });
        }
        return new TemplateParameters(parameters, environment);
    }

    /** The parameters' names, in the template's order. */
    public List<String> names() {
        return List.copyOf(parameters.keySet());
    }

    public Optional<Parameter> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The functions' environment variables {@code name} sets (none: it configures only the stack's resources). */
    public List<String> environmentOf(String name) {
        return environment.getOrDefault(name, List.of());
    }

    private static Parameter parameter(String name, Map<String, Object> body) {
        List<String> allowed = body.get("AllowedValues") instanceof List<?> values
                ? values.stream().map(String::valueOf).toList() : List.of();
        return new Parameter(name, String.valueOf(body.getOrDefault("Type", "String")), allowed,
                text(body, "AllowedPattern"), text(body, "MinValue").map(BigDecimal::new),
                text(body, "MaxValue").map(BigDecimal::new), text(body, "MinLength").map(Integer::valueOf),
                text(body, "MaxLength").map(Integer::valueOf), text(body, "ConstraintDescription"));
    }

    private static Optional<String> text(Map<String, Object> body, String key) {
        return Optional.ofNullable(body.get(key)).map(String::valueOf);
    }

    private static Object path(Map<String, Object> node, String... keys) {
        Object at = node;
        for (String key : keys) {
            at = map(at).get(key);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}

package dev.tourniquet.cli.local;

import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --parameter-overrides} of {@code replay}, {@code plan} and {@code simulate}: SAM's pairs
 * ({@link ParameterOverrides}) checked against {@code template.yaml}'s parameters ({@link TemplateParameters}) and
 * turned into the functions' environment the template gives them, so that the handlers read them through
 * {@code Configuration.from(env)} as in AWS. A parameter that sets no function's environment (AlertEmail,
 * ReservedConcurrency, CreateTrail, the alarms' thresholds …) configures only the deployed stack: it is checked
 * like the others, accepted (so that the string given to {@code sam deploy} works here too) and named as not used
 * locally.
 *
 * @param values      the overrides as given, checked
 * @param environment the functions' environment variables they set
 * @param unused      the overridden parameters the local commands cannot honour, with why
 */
public record LocalParameters(Map<String, String> values, Map<String, String> environment, List<String> unused) {
    /** The option's name, as in {@code sam deploy}. */
    public static final String OPTION = "--parameter-overrides";

    /** What {@code --help} says of it. */
    public static final String USAGE = """
            --parameter-overrides Key=Value ...  template.yaml's parameters, as sam deploy takes them (Key=Value or
                                     ParameterKey=Key,ParameterValue=Value; AllowedRegions=us-east-1,eu-west-1 is one
                                     pair; file://params.yaml); checked against the template; up to the next
                                     option (or --). --mode X is
                                     short for Mode=X. Parameters that configure only the deployed stack (AlertEmail,
                                     ReservedConcurrency ...) are checked, accepted and not used.""";

    /**
     * The environment the local account sets itself, whatever the overrides say: its records are provisioned in the
     * command's region ({@code --region}), so {@code PrimaryRegion} cannot move them.
     */
    private static final Set<String> LOCAL_ACCOUNT_ENVIRONMENT = Set.of("RECORDS_REGION");

    public LocalParameters {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        environment = Map.copyOf(environment);
        unused = List.copyOf(unused);
    }

    /** No overrides: the template's defaults. */
    public static LocalParameters none() {
        return new LocalParameters(Map.of(), Map.of(), List.of());
    }

    /** The command line's {@code --parameter-overrides}, checked against the project's {@code template.yaml}. */
    public static LocalParameters read(Arguments arguments, Path root) {
        List<String> words = arguments.list(OPTION);
        return words.isEmpty() ? none()
                : of(ParameterOverrides.parse(words), TemplateParameters.load(root.resolve("template.yaml")));
    }

    /**
     * Checks each pair as CloudFormation would (name, type, allowed values, pattern, range).
     *
     * @throws UsageException naming every parameter refused and what it takes, or an unknown name and the valid ones
     */
    public static LocalParameters of(Map<String, String> pairs, TemplateParameters template) {
        List<String> refusals = new ArrayList<>();
        Map<String, String> environment = new HashMap<>();
        List<String> unused = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            Optional<TemplateParameters.Parameter> parameter = template.parameter(pair.getKey());
            if (parameter.isEmpty()) {
                refusals.add("template.yaml has no parameter " + pair.getKey() + " (its parameters: "
                        + String.join(", ", template.names()) + ")");
                continue;
            }
            parameter.get().refusal(pair.getValue()).ifPresent(refusals::add);
            List<String> variables = template.environmentOf(pair.getKey());
            variables.stream().filter(v -> !LOCAL_ACCOUNT_ENVIRONMENT.contains(v))
                    .forEach(v -> environment.put(v, pair.getValue()));
            if (variables.isEmpty()) {
                unused.add(pair.getKey() + " (it sets no function's environment: it configures the deployed stack only)");
            } else if (variables.stream().allMatch(LOCAL_ACCOUNT_ENVIRONMENT::contains)) {
                unused.add(pair.getKey() + " (the local account keeps its records in the command's region)");
            }
        }
        if (!refusals.isEmpty()) {
            throw new UsageException(OPTION + ": " + String.join("; ", refusals));
        }
        return new LocalParameters(pairs, environment, unused);
    }

    /**
     * The mode: {@code --mode} is short for {@code Mode=…}; both given, they must agree. Neither: enforce, the
     * template's default.
     */
    public Mode mode(Optional<String> modeOption) {
        Optional<String> parameter = Optional.ofNullable(values.get("Mode"));
        if (modeOption.isPresent() && parameter.isPresent() && !modeOption.get().equals(parameter.get())) {
            throw new UsageException("--mode " + modeOption.get() + " and " + OPTION + " Mode=" + parameter.get()
                    + " disagree (--mode is short for Mode=; give one)");
        }
        String mode = modeOption.or(() -> parameter).orElse("enforce");
        try {
            return Mode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mode takes enforce or plan, not '" + mode + "'");
        }
    }

    /**
     * These settings as the functions read them: {@code configuration}'s environment with the overrides' variables
     * set, read back through {@code Configuration.from}.
     *
     * @throws UsageException when a value passes the template's checks but the functions cannot read it
     */
    public Configuration applyTo(Configuration configuration) {
        if (environment.isEmpty()) {
            return configuration;
        }
        Map<String, String> env = new HashMap<>(configuration.toEnvironment());
        env.putAll(environment);
        try {
            return Configuration.from(env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(OPTION + ": the functions cannot read " + String.join(", ", values.keySet())
                    + " as given: " + e.getMessage());
        }
    }

    /** One line naming what is accepted but not used locally, or empty. */
    public Optional<String> note() {
        return unused.isEmpty() ? Optional.empty()
                : Optional.of("accepted, not used by the local commands: " + String.join("; ", unused));
    }
}

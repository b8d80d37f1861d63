package dev.tourniquet.cli.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} options, {@code --flag} switches, list options and positional arguments. A list option
 * ({@code --parameter-overrides A=1 B=2}) takes every following argument up to the next one starting with
 * {@code -}, as SAM CLI's options of several values do; {@code --} ends it (and every option): what follows is
 * positional.
 */
public final class Arguments {
    private final Map<String, String> options = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> flags = new java.util.HashSet<>();

    public Arguments(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
        this(args, valueOptions, flagOptions, Set.of());
    }

    public Arguments(String[] args, Set<String> valueOptions, Set<String> flagOptions, Set<String> listOptions) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) {
                positional.addAll(List.of(args).subList(i + 1, args.length));
                return;
            }
            if (valueOptions.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                options.put(arg, args[++i]);
            } else if (listOptions.contains(arg)) {
                List<String> values = lists.computeIfAbsent(arg, k -> new ArrayList<>());
                int before = values.size();
                while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                    values.add(args[++i]);
                }
                if (values.size() == before) {
                    throw new UsageException(arg + " needs one or more values");
                }
            } else if (flagOptions.contains(arg)) {
                flags.add(arg);
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg + " (see --help)");
            } else {
                positional.add(arg);
            }
        }
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Every value a list option was given, in order (the option given twice: both lists, one after the other). */
    public List<String> list(String name) {
        return lists.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }
}

package dev.tourniquet.cli.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options, {@code --flag} switches and positional arguments. */
public final class Arguments {
    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> flags = new java.util.HashSet<>();

    public Arguments(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (valueOptions.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                options.put(arg, args[++i]);
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

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }
}

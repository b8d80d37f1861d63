package dev.tourniquet.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The owner's declared footprint: where the account runs compute and which expensive shapes it never rents (template
 * parameters {@code AllowedRegions}, {@code DeniedInstanceFamilies}, {@code MaxInstanceVcpus},
 * {@code DeniedFunctionShape}). Each part left empty is off; all empty, the footprint judges nothing and the
 * deployment behaves as before it existed. Settings only: {@code playbook.FootprintJudge} decides what breaks it.
 *
 * @param allowedRegions         the regions the account runs compute in; empty: every region is allowed
 * @param deniedInstanceFamilies instance family patterns ({@code *} matches any run of characters) never rented,
 *                               matched against the family (the part of the instance type before the dot)
 * @param maxInstanceVcpus       instances with more vCPUs than this are outside; 0: no limit
 * @param deniedFunctionShape    Lambda functions whose memory and timeout are both at or above this are outside
 */
public record Footprint(List<String> allowedRegions, List<String> deniedInstanceFamilies, int maxInstanceVcpus,
                        Optional<FunctionShape> deniedFunctionShape) {

    /**
     * AWS's "accelerated computing" families (GPU, Inferentia, Trainium, Gaudi, FPGA, video transcoding): what
     * {@code DeniedInstanceFamilies=accelerated} stands for. A miner's first choice when the quota allows it.
     */
    public static final List<String> ACCELERATED = List.of("p*", "g*", "inf*", "trn*", "dl*", "f*", "vt*");
    /** The word in {@code DeniedInstanceFamilies} that stands for {@link #ACCELERATED}. */
    public static final String ACCELERATED_WORD = "accelerated";
    /** The word in {@code DeniedFunctionShape} that stands for the miner's shape, {@link FunctionShape#MINER}. */
    public static final String MINER_WORD = "miner";

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern FAMILY = Pattern.compile("[a-z0-9*-]+");
    private static final Pattern SHAPE = Pattern.compile("(\\d+):(\\d+)");

    public Footprint {
        allowedRegions = List.copyOf(allowedRegions);
        deniedInstanceFamilies = List.copyOf(deniedInstanceFamilies);
        if (maxInstanceVcpus < 0) {
            throw new IllegalArgumentException("MaxInstanceVcpus must be 0 (no limit) or more, not " + maxInstanceVcpus);
        }
    }

    /** The memory and timeout at or above which a function is outside ({@code DeniedFunctionShape}). */
    public record FunctionShape(int memoryMb, int timeoutSeconds) {
        /** Lambda's maxima, 10,240 MB and 900 s: the miner's shape, rare in legitimate code. */
        public static final FunctionShape MINER = new FunctionShape(10_240, 900);

        /** Whether a function of this memory and timeout is at or above the shape in both. */
        public boolean covers(int memory, int timeout) {
            return memory >= memoryMb && timeout >= timeoutSeconds;
        }

        /** The parameter's spelling: {@code MEMORY_MB:TIMEOUT_SECONDS}. */
        @Override
        public String toString() {
            return memoryMb + ":" + timeoutSeconds;
        }
    }

    /** No footprint: nothing is judged. */
    public static Footprint off() {
        return new Footprint(List.of(), List.of(), 0, Optional.empty());
    }

    /**
     * The footprint of the four parameters' values, as {@code template.yaml} passes them (empty: that part off).
     *
     * @throws IllegalArgumentException naming the parameter and what it accepts, for a value it does not
     */
    public static Footprint parse(String regions, String families, String vcpus, String functionShape) {
        List<String> allowed = items(regions);
        allowed.stream().filter(r -> !REGION.matcher(r).matches()).findFirst().ifPresent(r -> {
            throw new IllegalArgumentException("AllowedRegions: '" + r + "' is not a region name (e.g. eu-west-1)");
        });
        List<String> denied = items(families).stream()
                .flatMap(f -> ACCELERATED_WORD.equals(f) ? ACCELERATED.stream() : java.util.stream.Stream.of(f))
                .distinct().toList();
        denied.stream().filter(f -> !FAMILY.matcher(f).matches()).findFirst().ifPresent(f -> {
            throw new IllegalArgumentException("DeniedInstanceFamilies: '" + f + "' is not an instance family pattern"
                    + " (e.g. p*, g5, accelerated)");
        });
        int max;
        try {
            max = vcpus == null || vcpus.isBlank() ? 0 : Integer.parseInt(vcpus.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MaxInstanceVcpus: '" + vcpus + "' is not a whole number");
        }
        return new Footprint(allowed, denied, max, shape(functionShape));
    }

    private static Optional<FunctionShape> shape(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (MINER_WORD.equals(value)) {
            return Optional.of(FunctionShape.MINER);
        }
        var matcher = SHAPE.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("DeniedFunctionShape: '" + text + "' is neither 'miner' nor"
                    + " MEMORY_MB:TIMEOUT_SECONDS (e.g. 10240:900)");
        }
        return Optional.of(new FunctionShape(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
    }

    /** The footprint of a function's environment ({@link #addTo}); off when none of its variables is set. */
    static Footprint from(Map<String, String> env) {
        return parse(env.getOrDefault("ALLOWED_REGIONS", ""), env.getOrDefault("DENIED_INSTANCE_FAMILIES", ""),
                env.getOrDefault("MAX_INSTANCE_VCPUS", ""), env.getOrDefault("DENIED_FUNCTION_SHAPE", ""));
    }

    /** Writes the environment variables {@link #from} reads. */
    void addTo(Map<String, String> env) {
        env.put("ALLOWED_REGIONS", String.join(",", allowedRegions));
        env.put("DENIED_INSTANCE_FAMILIES", String.join(",", deniedInstanceFamilies));
        env.put("MAX_INSTANCE_VCPUS", String.valueOf(maxInstanceVcpus));
        env.put("DENIED_FUNCTION_SHAPE", deniedFunctionShape.map(FunctionShape::toString).orElse(""));
    }

    /** Whether any part is set: the footprint judges something. */
    public boolean isOn() {
        return !allowedRegions.isEmpty() || !deniedInstanceFamilies.isEmpty() || maxInstanceVcpus > 0
                || deniedFunctionShape.isPresent();
    }

    /** Whether compute may run in {@code region}: always, when no region list is set. */
    public boolean allowsRegion(String region) {
        return allowedRegions.isEmpty() || allowedRegions.contains(region);
    }

    /** The denied family pattern an instance type ({@code g5.xlarge}) matches, if any. */
    public Optional<String> deniedFamilyOf(String instanceType) {
        String family = instanceType.toLowerCase(Locale.ROOT).split("\\.", 2)[0];
        return deniedInstanceFamilies.stream().filter(p -> ArnPatterns.glob(p).matcher(family).matches()).findFirst();
    }

    /** Whether an instance of {@code vcpus} vCPUs is above the limit. */
    public boolean aboveVcpus(int vcpus) {
        return maxInstanceVcpus > 0 && vcpus > maxInstanceVcpus;
    }

    /** Whether a function of this memory (MB) and timeout (s) has the denied shape. */
    public boolean deniesFunction(int memoryMb, int timeoutSeconds) {
        return deniedFunctionShape.filter(s -> s.covers(memoryMb, timeoutSeconds)).isPresent();
    }

    private static List<String> items(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .toList();
    }
}

package dev.tourniquet.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A way to start the function's JVM: its flags, and the flags of a training run that first writes the
 * archive those flags read (none for profiles without an archive). The training run contains a key of
 * its own and is never measured.
 *
 * <p>The flags, and why they help a process that runs once:
 * <ul>
 *   <li>{@code -XX:TieredStopAtLevel=1}: the C1 compiler only, no C2 profiling and recompiling (Lambda's
 *       {@code JAVA_TOOL_OPTIONS} in {@code template.yaml} sets the same);</li>
 *   <li>{@code -XX:+UseSerialGC}: the smallest collector to set up, enough for a heap of a few dozen MB;</li>
 *   <li>AppCDS ({@code -XX:SharedArchiveFile} with {@code -XX:+AutoCreateSharedArchive}, JDK 19+): the
 *       classes the run loaded, already parsed and verified, mapped from an archive written by the
 *       training run;</li>
 *   <li>AOT cache ({@code -XX:AOTCacheOutput} / {@code -XX:AOTCache}, JDK 25+): AppCDS plus classes
 *       already linked and method profiles, written by the training run.</li>
 * </ul>
 *
 * @param name          as printed
 * @param flags         JVM flags of the measured runs
 * @param trainingFlags JVM flags of the one training run; empty when nothing needs training
 */
record StartupProfile(String name, List<String> flags, List<String> trainingFlags) {
    private static final List<String> C1 = List.of("-XX:TieredStopAtLevel=1");
    private static final List<String> C1_SERIAL = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    boolean trained() {
        return !trainingFlags.isEmpty();
    }

    /** Each profile adds one option to the one before it, so that each option's effect shows. */
    static List<StartupProfile> study(Path dir, int javaFeature) {
        List<StartupProfile> profiles = new ArrayList<>(List.of(
                new StartupProfile("JVM defaults", List.of(), List.of()),
                new StartupProfile("+ C1 only (TieredStopAtLevel=1)", C1, List.of()),
                new StartupProfile("+ SerialGC", C1_SERIAL, List.of()),
                appCds(dir)));
        if (javaFeature >= 25) {
            profiles.add(aotCache(dir));
        }
        return profiles;
    }

    /** The best this JDK offers: the AOT cache from JDK 25 on, AppCDS before. */
    static StartupProfile best(Path dir, int javaFeature) {
        return javaFeature >= 25 ? aotCache(dir) : appCds(dir);
    }

    static StartupProfile appCds(Path dir) {
        List<String> flags = with(C1_SERIAL, "-XX:SharedArchiveFile=" + dir.resolve("contain-credential.jsa"),
                "-XX:+AutoCreateSharedArchive");
        return new StartupProfile("+ AppCDS archive", flags, flags);
    }

    static StartupProfile aotCache(Path dir) {
        Path cache = dir.resolve("contain-credential.aot");
        return new StartupProfile("+ AOT cache instead (JDK 25)", with(C1_SERIAL, "-XX:AOTCache=" + cache),
                with(C1_SERIAL, "-XX:AOTCacheOutput=" + cache));
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> flags = new ArrayList<>(base);
        flags.addAll(List.of(more));
        return List.copyOf(flags);
    }
}

package dev.tourniquet.cli.local;

import java.nio.file.Path;

/** The project folder, where {@code template.yaml} and {@code events/} are. */
public final class ProjectRoot {
    private ProjectRoot() {}

    /** Set by the launcher ({@code tourniquet.root}, {@code TOURNIQUET_ROOT}), else the working directory. */
    public static Path locate() {
        String root = System.getProperty("tourniquet.root", System.getenv("TOURNIQUET_ROOT"));
        return Path.of(root == null ? "." : root).toAbsolutePath().normalize();
    }
}

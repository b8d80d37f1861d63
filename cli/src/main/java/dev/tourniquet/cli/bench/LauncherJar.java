package dev.tourniquet.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Writes a jar holding only {@link LocalInvoke}, so that a function runs from its own shaded jar with
 * this one class beside it ({@code java -cp FUNCTION.jar:launcher.jar}). A jar, not a directory: the JVM's
 * class-data sharing archives refuse non-empty directories on the class path.
 */
final class LauncherJar {
    private LauncherJar() {}

    static Path write(Path dir) {
        String entry = LocalInvoke.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("launcher.jar");
        try (InputStream in = LocalInvoke.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalStateException("the class file of " + LocalInvoke.class.getName() + " is missing");
            }
            byte[] bytes = in.readAllBytes();
            Files.createDirectories(dir);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                JarEntry jarEntry = new JarEntry(entry);
                jarEntry.setTime(0);
                out.putNextEntry(jarEntry);
                out.write(bytes);
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }
}

package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** What the numbers were measured on: printed above the table and kept in bench.json. */
record Machine(String date, int cores, double memoryGiB, String os, String java) {

    static Machine current() {
        return new Machine(LocalDate.now().toString(), Runtime.getRuntime().availableProcessors(), totalMemoryGiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + Runtime.version());
    }

    String line() {
        return String.format("%s, %d cores, %.0f GiB, %s, %s", date, cores, memoryGiB, os, java);
    }

    ObjectNode toJson() {
        return Json.object().put("date", date).put("cores", cores).put("memoryGiB", Math.round(memoryGiB * 10) / 10.0)
                .put("os", os).put("java", java);
    }

    // MemTotal of /proc/meminfo, in kB; NaN off Linux.
    private static double totalMemoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / (1024.0 * 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

package dev.tourniquet.flow;

import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a credential's provenance records by its exposure window: a resource it created or changed inside the
 * window (at or after {@code windowStart}; the window closes at containment, and a record that arrives after it is a
 * late record, acted on) is judged; one it touched only before is listed for a person and never touched — a leaked
 * CI key must not take down everything it deployed over the years.
 *
 * @param inWindow     per resource, its earliest record inside the window, in the order of those records
 * @param beforeWindow per resource touched only before the window, its latest record
 */
record ExposureWindow(List<Provenance> inWindow, List<Provenance> beforeWindow) {

    static ExposureWindow of(List<Provenance> records, Instant windowStart) {
        Map<String, Provenance> inside = new LinkedHashMap<>();
        Map<String, Provenance> before = new LinkedHashMap<>();
        records.stream().sorted(Comparator.comparing(Provenance::time)).forEach(record -> {
            if (record.time().isBefore(windowStart)) {
                before.put(record.resourceId(), record);
            } else {
                inside.putIfAbsent(record.resourceId(), record);
            }
        });
        inside.keySet().forEach(before::remove);
        return new ExposureWindow(new ArrayList<>(inside.values()), new ArrayList<>(before.values()));
    }
}

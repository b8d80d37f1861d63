package dev.tourniquet.step.cloudtrail;

import dev.tourniquet.signal.Provenance;
import java.util.List;

/** What one region's event history gave for a credential. */
public sealed interface RegionHistory {
    String region();

    /**
     * The history was read to its last page.
     *
     * @param records the provenance of the credential's calls in the window, oldest first
     * @param bad     the events that could not be read (each named, with why): logged, never fatal
     * @param pages   how many LookupEvents pages were read
     */
    record Read(String region, List<Provenance> records, List<String> bad, int pages) implements RegionHistory {
        public Read {
            records = List.copyOf(records);
            bad = List.copyOf(bad);
        }
    }

    /**
     * Reading failed after the SDK's own retries (throttling, 5xx, access denied).
     *
     * @param reason    what failed, as {@code Failure} words it
     * @param retryable whether another attempt (the delivery retried) may succeed
     */
    record Failed(String region, String reason, boolean retryable) implements RegionHistory {
    }

    /**
     * The endpoint does not serve LookupEvents at all (an emulator such as moto, which answers with an error page and
     * no AWS error code): there is no history to read there, and retrying would not change that.
     */
    record NotServed(String region, String reason) implements RegionHistory {
    }
}

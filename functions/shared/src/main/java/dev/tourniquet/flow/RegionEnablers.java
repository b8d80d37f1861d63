package dev.tourniquet.flow;

import dev.tourniquet.records.Records;
import dev.tourniquet.signal.RegionEnabled;
import dev.tourniquet.signal.Signal;
import java.util.List;
import java.util.Optional;

/**
 * Reads, for each region enabled, whether its caller is part of an incident: its access key contained, or the
 * identity behind it (a user or role an incident created or contained whole), as record-provenance judges a late
 * record. The playbook then decides from the signal alone, without touching AWS.
 */
final class RegionEnablers {
    private final Records records;

    RegionEnablers(Records records) {
        this.records = records;
    }

    List<Signal> judged(List<Signal> signals) {
        return signals.stream().map(s -> s instanceof RegionEnabled enabled ? judged(enabled) : s).toList();
    }

    private Signal judged(RegionEnabled enabled) {
        Optional<String> incident = records.incidents().containedByCaller(enabled.caller().accessKeyId(),
                enabled.caller().principalArn());
        return incident.map(enabled::withContainment).orElse(enabled);
    }
}

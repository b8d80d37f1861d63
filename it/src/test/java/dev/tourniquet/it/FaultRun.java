package dev.tourniquet.it;

import dev.tourniquet.cli.local.FaultProxy;
import java.util.Map;

/**
 * What one seeded run of a scenario under faults ended with.
 *
 * @param scenario     what was played
 * @param seed         the fault proxy's seed (the run is repeatable in what it injects)
 * @param contained    every resource the scenario names ended contained
 * @param deadLettered deliveries whose three attempts all failed, kept on the dead-letter queue
 * @param duplicates   things applied twice: isolation groups beyond one per VPC, snapshots beyond one per
 *                     volume, incidents beyond one per resource and finding
 * @param unclassified failures Tourniquet did not classify (an exception that is not an incident failure)
 * @param calls        AWS calls the functions made through the proxy
 * @param injected     faults injected, by kind
 */
record FaultRun(String scenario, long seed, boolean contained, int deadLettered, int duplicates, int unclassified,
                long calls, Map<FaultProxy.Fault, Long> injected) {

    /** Every promise kept: contained, or what was not is on the dead-letter queue; nothing done twice. */
    boolean kept() {
        return (contained || deadLettered > 0) && duplicates == 0 && unclassified == 0;
    }
}

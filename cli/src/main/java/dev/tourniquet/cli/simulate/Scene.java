package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.Replayer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a simulation plays on: the account's own view of the emulator, the attacker, the probe that reads
 * containment, the signal builder, the victim's key and resources, Tourniquet's handlers behind the
 * template's rules, where Tourniquet is deployed, and CloudTrail's event history.
 *
 * @param replayer   makes a {@code Replayer} that reports each delivery to the given consumer as it completes
 * @param deployment the regions whose events reach Tourniquet
 * @param history    CloudTrail's event history ({@code LookupEvents}) the handlers ask
 * @param clock      the simulated clock the history reads
 */
record Scene(RegionalClients aws, Attacker attacker, ContainmentProbe probe, AwsSignals signals, LeakedKey key,
             List<OwnerResource> owner, Function<Consumer<ObjectNode>, Replayer> replayer, Deployment deployment,
             EventHistory history, SimulatedClock clock) {
}

package dev.tourniquet.flow;

import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SpendShape;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What provenance says of a resource the footprint's inventory found outside the footprint. Decided without touching
 * AWS, in this order:
 * <ul>
 *   <li>a spend-creating record ({@link SpendShape#judged}) made since the footprint took effect by a caller no
 *       exemption explains: {@link Decision.Announce}, with the newest such record — the event path would have
 *       contained it, and its event was missed or is still on its way;</li>
 *   <li>any record by an exempt principal, an AWS service or Tourniquet's own role, or a spend-creating record made
 *       before the footprint took effect (the owner's, made when no footprint forbade it): {@link Decision.Explained};
 *   </li>
 *   <li>otherwise (no record, or records of calls that start no spend, such as a tag or a code update):
 *       {@link Decision.Unattributed} — the inventory then decides by when it appeared.</li>
 * </ul>
 * One unexplained spend-creating record outweighs any number of explained ones: an exempt deploy role's later change
 * does not clear what another caller launched.
 */
final class FootprintAttribution {
    private FootprintAttribution() {}

    /** A decision about one resource outside the footprint. */
    sealed interface Decision {
        /** A caller outside every exemption launched or reshaped it: announced, so that it is contained in full. */
        record Announce(Provenance record) implements Decision {}

        /** Provenance explains it: left alone. */
        record Explained(String reason) implements Decision {}

        /** Nothing explains it. */
        record Unattributed() implements Decision {}
    }

    /**
     * @param history      every record of the resource and of what launched it, in any order
     * @param since        when the footprint took effect
     * @param exemptCaller why a record's caller must not be contained (exempt, an AWS service, Tourniquet), if so
     */
    static Decision judge(List<Provenance> history, Instant since, Function<Provenance, Optional<String>> exemptCaller) {
        List<Provenance> newestFirst = history.stream().sorted(Comparator.comparing(Provenance::time).reversed())
                .toList();
        Optional<Provenance> unexplained = newestFirst.stream().filter(SpendShape::judged)
                .filter(p -> !p.time().isBefore(since)).filter(p -> exemptCaller.apply(p).isEmpty()).findFirst();
        if (unexplained.isPresent()) {
            return new Decision.Announce(unexplained.get());
        }
        for (Provenance record : newestFirst) {
            Optional<String> exempt = exemptCaller.apply(record);
            if (exempt.isPresent()) {
                return new Decision.Explained(record.eventName() + " at " + record.time() + ": " + exempt.get());
            }
        }
        return newestFirst.stream().filter(SpendShape::judged).findFirst()
                .<Decision>map(p -> new Decision.Explained(p.eventName() + " by " + caller(p) + " at " + p.time()
                        + ", before the footprint took effect (" + since + ")"))
                .orElseGet(Decision.Unattributed::new);
    }

    static String caller(Provenance p) {
        return p.principalArn() + p.accessKeyId().map(k -> " (key " + k + ")").orElse("");
    }
}

package dev.tourniquet.signal;

import java.util.List;

/** What a parser made of an event. Parsing never throws on bad input: it says why here. */
public sealed interface ParseResult {

    /** One or more compromised resources to act on. */
    record Signals(List<Signal> signals) implements ParseResult {
        public Signals {
            signals = List.copyOf(signals);
        }
    }

    /**
     * CloudTrail records of who created or changed what: provenance to store, nothing to contain, except where the
     * same call may have undone a containment ({@code undone}: an instance started that Tourniquet had stopped).
     *
     * @param origin the event that carried them
     */
    record Observed(Origin origin, List<Provenance> records, List<Signal> undone) implements ParseResult {
        public Observed {
            records = List.copyOf(records);
            undone = List.copyOf(undone);
        }

        public Observed(Origin origin, List<Provenance> records) {
            this(origin, records, List.of());
        }
    }

    /** A contained credential whose resources are to be swept. */
    record Sweep(SweepRequest request) implements ParseResult {
    }

    /** A well-formed event Tourniquet does not act on (an unknown finding type): recorded, no action. */
    record Ignored(String reason) implements ParseResult {
    }

    /** A malformed event: logged once, no action, no retry. */
    record Rejected(String reason) implements ParseResult {
    }
}

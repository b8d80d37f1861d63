package dev.tourniquet.signal;

import java.util.List;

/** What a parser made of an event. Parsing never throws on bad input: it says why here. */
public sealed interface ParseResult {

    /**
     * One or more compromised resources to act on.
     *
     * @param refused the parts of the event that name nothing to act on (an AWS Health event's affected entity
     *                that is not an access key id), each with why: reported, while the others are acted on
     */
    record Signals(List<Signal> signals, List<String> refused) implements ParseResult {
        public Signals {
            signals = List.copyOf(signals);
            refused = List.copyOf(refused);
        }

        public Signals(List<Signal> signals) {
            this(signals, List.of());
        }
    }

    /**
     * CloudTrail records of who created or changed what: provenance to store, nothing to contain, except where the
     * same call may have undone a containment ({@code undone}: an instance started that Tourniquet had stopped), or
     * is itself judged by the credential function ({@code undone} holds a {@link RegionEnabled}).
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

    /**
     * A resource a CloudTrail record names whose caller was contained before the record arrived: contained as
     * the containment's sweep would have contained it.
     *
     * @param origin      the chain event that carried it
     * @param containment the incident that contained the record's credential
     * @param record      the late record (already stored as provenance)
     */
    record LateRecord(Origin origin, String containment, Provenance record) implements ParseResult {
    }

    /**
     * A workload its service reports running ({@code InService}), for two reasons to stop it: an open incident holds
     * it stopped ({@code undone}, re-applied, no one contained: the service's report has no author), or a CloudTrail
     * record of it by a credential contained since is a late record whose stop could not be made while it was starting.
     *
     * @param origin   the service's event
     * @param resource the workload's ARN
     */
    record InService(Origin origin, String resource, ContainmentUndone undone) implements ParseResult {
    }

    /**
     * A resource launched outside the owner's footprint ({@link ChainEvents#RESOURCE_OUTSIDE_FOOTPRINT}), contained at
     * once as its own incident, whose finding type names the rule broken.
     *
     * @param origin  the chain event that carried it (its finding id the breach's incident id)
     * @param record  the CloudTrail record that launched it
     * @param reason  which rule of the footprint it broke, and how, for the alert
     * @param signals the function or instance it names; empty for a Spot request, fleet or group, whose instances
     *                are found at run time
     */
    record OutsideFootprint(Origin origin, Provenance record, String reason, List<Signal> signals) implements ParseResult {
        public OutsideFootprint {
            signals = List.copyOf(signals);
        }
    }

    /**
     * A contained credential whose resources are to be swept.
     *
     * @param continuation where this invocation stands in the sweep's chain of invocations (the first, or a
     *                     {@link ChainEvents#SWEEP_CONTINUED} one)
     */
    record Sweep(SweepRequest request, SweepContinuation continuation) implements ParseResult {
        /** The first invocation of a sweep. */
        public Sweep(SweepRequest request) {
            this(request, SweepContinuation.first(request.origin()));
        }
    }

    /**
     * A cost or usage signal (a Cost Anomaly Detection anomaly, a usage alarm): the footprint check of the CloudTrail
     * history of the services and regions it names.
     */
    record Brake(SpendBrake brake) implements ParseResult {
    }

    /** A well-formed event Tourniquet does not act on (an unknown finding type): recorded, no action. */
    record Ignored(String reason) implements ParseResult {
    }

    /** A malformed event: logged once, no action, no retry. */
    record Rejected(String reason) implements ParseResult {
    }
}

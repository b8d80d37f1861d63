package dev.tourniquet.function.provenance;

import dev.tourniquet.flow.EventHandler;
import dev.tourniquet.flow.FootprintGuard;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.flow.HistorySweep;
import dev.tourniquet.flow.ProvenanceRecorder;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.records.Records;
import dev.tourniquet.step.events.ChainEventBus;
import java.util.List;

/**
 * Lambda entry point of record-provenance: CloudTrail records of who created or changed a function or launched an
 * instance. It stores them, and announces a record whose credential was contained already so that the containing
 * function contains what it names. When a credential is contained, it reads that credential's CloudTrail history in
 * every enabled region and takes what the events missed the same way. Spend-creating records are held to the owner's
 * footprint ({@link FootprintGuard}); when a cost anomaly or a usage alarm raises a spend brake, it reads the history
 * of what the brake names and holds it to the footprint the same way. A function of its own, so that this high-volume intake never queues ahead of
 * containment (each function has its own reserved concurrency).
 */
public final class RecordProvenanceHandler extends EventHandler {
    private final FunctionFlow flow;

    /** Used by Lambda: configuration from the environment, clients built once. */
    public RecordProvenanceHandler() {
        this(new AwsClients(Configuration.fromEnvironment()));
    }

    public RecordProvenanceHandler(AwsClients clients) {
        this.flow = responder(clients);
    }

    /** The provenance intake's flow, for the handler and for local replay. */
    public static FunctionFlow responder(AwsClients clients) {
        Records records = Records.of(clients);
        ChainEventBus bus = new ChainEventBus(clients::eventBridge, clients.configuration().busName());
        return new ProvenanceRecorder(records, bus, HistorySweep.of(clients),
                FootprintGuard.of(clients, records.provenance(), bus));
    }

    @Override
    protected FunctionFlow responder() {
        return flow;
    }

    @Override
    protected List<String> primingEvents() {
        return List.of("/events/cloudtrail-lambda-create-function.json", "/events/cloudtrail-ec2-run-instances.json");
    }
}

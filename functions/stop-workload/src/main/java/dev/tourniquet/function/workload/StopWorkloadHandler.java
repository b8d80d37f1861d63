package dev.tourniquet.function.workload;

import dev.tourniquet.flow.EventHandler;
import dev.tourniquet.flow.ExposureHold;
import dev.tourniquet.flow.FootprintInventory;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.flow.Responder;
import dev.tourniquet.flow.WorkloadEnricher;
import dev.tourniquet.flow.WorkloadSweeper;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.playbook.WorkloadPlaybook;
import dev.tourniquet.records.Records;
import java.util.List;

/**
 * Lambda entry point of the workload function: GuardDuty Runtime Monitoring findings on ECS tasks, and Tourniquet's
 * chain events for rented compute other than functions and instances — the sweep of every ECS task and service,
 * CodeBuild build and project, SageMaker job, notebook and endpoint, and Batch environment, queue and job a contained
 * credential created or changed ("Credential Contained"), a late CloudTrail record of one, one launched outside the
 * owner's footprint, and SageMaker's report of a notebook in service that could not be stopped while it was starting.
 */
public final class StopWorkloadHandler extends EventHandler {
    private static final String NAME = "stop-workload";

    private final FunctionFlow responder;

    /** Used by Lambda: configuration from the environment, clients built once. */
    public StopWorkloadHandler() {
        this(new AwsClients(Configuration.fromEnvironment()));
    }

    public StopWorkloadHandler(AwsClients clients) {
        this.responder = responder(clients);
    }

    /** The workload function's flow, for the handler and for local replay. */
    public static FunctionFlow responder(AwsClients clients) {
        Records records = Records.of(clients);
        WorkloadEnricher enricher = new WorkloadEnricher(records.provenance());
        WorkloadPlaybook playbook = new WorkloadPlaybook(clients);
        Responder responder = new Responder(NAME, clients.configuration(), records, enricher, playbook,
                new WorkloadSweeper(records.provenance(), java.util.Optional.of(ExposureHold.ofWorkloads(clients,
                        records))));
        // The exposure hold's review and the footprint's inventory of workloads run on their schedules too.
        return FootprintInventory.ofWorkloads(NAME, clients, records, enricher, playbook).around(responder);
    }

    @Override
    protected FunctionFlow responder() {
        return responder;
    }

    @Override
    protected List<String> primingEvents() {
        return List.of();
    }
}

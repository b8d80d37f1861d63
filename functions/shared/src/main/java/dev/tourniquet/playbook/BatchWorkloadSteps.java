package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;

/** What contains a AWS Batch workload. Contract stub: the AWS Batch part of issue 17 decides it. */
final class BatchWorkloadSteps {
    private final AwsClients clients;

    BatchWorkloadSteps(AwsClients clients) {
        this.clients = clients;
    }

    Plan plan(CompromisedWorkload workload) {
        return Plan.alertOnly(workload, workload.workload().describe() + ": AWS Batch containment is not built yet;"
                + " contain it by hand");
    }
}

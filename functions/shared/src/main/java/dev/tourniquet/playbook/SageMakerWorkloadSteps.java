package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;

/** What contains a SageMaker workload. Contract stub: the SageMaker part of issue 17 decides it. */
final class SageMakerWorkloadSteps {
    private final AwsClients clients;

    SageMakerWorkloadSteps(AwsClients clients) {
        this.clients = clients;
    }

    Plan plan(CompromisedWorkload workload) {
        return Plan.alertOnly(workload, workload.workload().describe() + ": SageMaker containment is not built yet;"
                + " contain it by hand");
    }
}

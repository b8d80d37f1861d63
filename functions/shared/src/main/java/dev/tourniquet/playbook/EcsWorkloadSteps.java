package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;

/** What contains a ECS workload. Contract stub: the ECS part of issue 17 decides it. */
final class EcsWorkloadSteps {
    private final AwsClients clients;

    EcsWorkloadSteps(AwsClients clients) {
        this.clients = clients;
    }

    Plan plan(CompromisedWorkload workload) {
        return Plan.alertOnly(workload, workload.workload().describe() + ": ECS containment is not built yet;"
                + " contain it by hand");
    }
}

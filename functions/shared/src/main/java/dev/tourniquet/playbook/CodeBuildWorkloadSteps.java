package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;

/** What contains a CodeBuild workload. Contract stub: the CodeBuild part of issue 17 decides it. */
final class CodeBuildWorkloadSteps {
    private final AwsClients clients;

    CodeBuildWorkloadSteps(AwsClients clients) {
        this.clients = clients;
    }

    Plan plan(CompromisedWorkload workload) {
        return Plan.alertOnly(workload, workload.workload().describe() + ": CodeBuild containment is not built yet;"
                + " contain it by hand");
    }
}

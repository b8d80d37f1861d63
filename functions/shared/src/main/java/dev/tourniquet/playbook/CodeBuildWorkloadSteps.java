package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CodeBuildBuild;
import dev.tourniquet.signal.CodeBuildBuildBatch;
import dev.tourniquet.signal.CodeBuildProject;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.codebuild.CodeBuildClients;
import dev.tourniquet.step.codebuild.CollectBuildBatchEvidence;
import dev.tourniquet.step.codebuild.CollectBuildEvidence;
import dev.tourniquet.step.codebuild.StopBuild;
import dev.tourniquet.step.codebuild.StopBuildBatch;
import dev.tourniquet.step.codebuild.StopProjectBuilds;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;

/**
 * What contains a CodeBuild workload, stop first and evidence after:
 * <ul>
 *   <li>a build (the key started it): that one build stopped, then it and its project kept as evidence;</li>
 *   <li>a batch build (the key started it): that one batch stopped ({@code StopBuildBatch}: stopping its builds one by
 *       one would leave it starting the rest), then it and its project kept as evidence;</li>
 *   <li>a project the key created: every running build and batch build of it stopped (it is the attacker's, whoever started them),
 *       then the project kept as evidence;</li>
 *   <li>a project the key only changed ({@code UpdateProject}): the owner's project, whose builds others start — none
 *       of them is stopped through the project (the builds the key started are their own incidents); the project,
 *       with the buildspec the key wrote, is kept as evidence and the alert says what to restore.</li>
 * </ul>
 * The project itself is never deleted or changed.
 */
final class CodeBuildWorkloadSteps {
    private final AwsClients clients;

    CodeBuildWorkloadSteps(AwsClients clients) {
        this.clients = clients;
    }

    Plan plan(CompromisedWorkload workload) {
        CodeBuildClient codeBuild = CodeBuildClients.codeBuild(clients, workload.workload().region());
        String region = workload.workload().region();
        return switch (workload.workload()) {
            case CodeBuildBuild build -> Plan.act(workload, build.describe() + ": " + workload.reason()
                    + "; the build is stopped (only it: other builds of project " + build.project()
                    + " are untouched), then kept as evidence with its project", List.<Step>of(
                    new StopBuild(codeBuild, build.id(), region),
                    new CollectBuildEvidence(codeBuild, Optional.of(build.id()), build.project(), region)));
            case CodeBuildBuildBatch batch -> Plan.act(workload, batch.describe() + ": " + workload.reason()
                    + "; the batch is stopped, and with it every build it runs (only it: other builds and batches of"
                    + " project " + batch.project() + " are untouched), then kept as evidence with its project",
                    List.<Step>of(new StopBuildBatch(codeBuild, batch.id(), region),
                            new CollectBuildBatchEvidence(codeBuild, batch.id(), batch.project(), region)));
            case CodeBuildProject project when createdByTheIncident(workload) -> Plan.act(workload,
                    project.describe() + ": " + workload.reason() + "; the project is the incident's, so its running"
                            + " builds and batch builds are stopped, then it is kept as evidence (it is not deleted)", List.of(
                            new StopProjectBuilds(codeBuild, project.name(), region),
                            new CollectBuildEvidence(codeBuild, Optional.empty(), project.name(), region)));
            case CodeBuildProject project -> Plan.act(workload, project.describe() + ": " + workload.reason()
                    + "; the project was changed, not created, by the incident's credential: it is the owner's, and"
                    + " builds others start from it are not stopped. Its buildspec as left is kept as evidence: restore"
                    + " the project's own with aws codebuild update-project", List.of(
                    new CollectBuildEvidence(codeBuild, Optional.empty(), project.name(), region)));
            default -> Plan.alertOnly(workload, workload.workload().describe() + " is not a CodeBuild workload");
        };
    }

    // The record that made it the incident's created it; a project whose creator is unknown is treated as the owner's.
    private static boolean createdByTheIncident(CompromisedWorkload workload) {
        return workload.creator().map(Provenance::eventName).filter("CreateProject"::equals).isPresent();
    }
}

package dev.tourniquet.signal;

/**
 * One CodeBuild batch build ({@code StartBuildBatch}): it runs many builds, and starts more until the batch itself is
 * stopped ({@code StopBuildBatch}); stopping its member builds one by one does not stop it.
 *
 * @param arn the batch ARN ({@code arn:aws:codebuild:REGION:ACCOUNT:build-batch/PROJECT:UUID})
 */
public record CodeBuildBuildBatch(String arn) implements Workload {
    public static final String TYPE = "codebuild-build-batch";

    /** The batch id CodeBuild's API takes ({@code PROJECT:UUID}). */
    public String id() {
        return CodeBuildBuild.idAfter(arn, "build-batch");
    }

    /** Its project's name. */
    public String project() {
        return CodeBuildBuild.projectOf(id());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "CodeBuild batch build " + id();
    }
}

package dev.tourniquet.signal;

/**
 * One CodeBuild build.
 *
 * @param arn the build ARN ({@code arn:aws:codebuild:REGION:ACCOUNT:build/PROJECT:UUID})
 */
public record CodeBuildBuild(String arn) implements Workload {
    public static final String TYPE = "codebuild-build";

    /** The build id CodeBuild's API takes ({@code PROJECT:UUID}). */
    public String id() {
        return idAfter(arn, "build");
    }

    /** Its project's name. */
    public String project() {
        return projectOf(id());
    }

    // A build's or batch's id follows its resource word in the ARN (":build/", ":build-batch/").
    static String idAfter(String arn, String resource) {
        String marker = ":" + resource + "/";
        return arn.substring(arn.indexOf(marker) + marker.length());
    }

    // The project a build or batch id ({@code PROJECT:UUID}) names.
    static String projectOf(String id) {
        return id.contains(":") ? id.substring(0, id.indexOf(':')) : id;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "CodeBuild build " + id();
    }
}

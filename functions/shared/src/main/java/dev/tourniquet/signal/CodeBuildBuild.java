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
        return arn.substring(arn.indexOf(":build/") + ":build/".length());
    }

    /** Its project's name. */
    public String project() {
        String id = id();
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

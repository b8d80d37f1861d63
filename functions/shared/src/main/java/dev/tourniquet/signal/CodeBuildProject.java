package dev.tourniquet.signal;

/**
 * A CodeBuild project: what starts builds again (with the buildspec a caller wrote into it).
 *
 * @param arn the project ARN ({@code arn:aws:codebuild:REGION:ACCOUNT:project/NAME})
 */
public record CodeBuildProject(String arn) implements Workload {
    public static final String TYPE = "codebuild-project";

    public String name() {
        return Workload.lastName(arn);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "CodeBuild project " + name();
    }
}

package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.cli.local.LeastPrivilege;
import dev.tourniquet.cli.local.TemplateRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Each function's deployed jar (its {@code CodeUri}, the shaded jar its module built) carries the SDK client of every
 * service its IAM policy lets it call. The emulator tests run every module in one JVM, where the shared module's
 * optional SDK dependencies are all present; Lambda runs the one jar, where a missing module is a
 * {@code NoClassDefFoundError} on the first call of that service (quarantine-function's exposure hold lists the enabled
 * regions with EC2's {@code DescribeRegions}, and its jar once had no EC2 client). The policy is the list of calls: the
 * permission tests prove it is no more than the code makes.
 */
class FunctionJarsIT {
    // An IAM service prefix and the SDK package of its client, where the two names differ or the client class does.
    private static final Map<String, String> CLIENTS = Map.ofEntries(
            Map.entry("events", "eventbridge/EventBridgeClient"),
            Map.entry("ec2", "ec2/Ec2Client"),
            Map.entry("lambda", "lambda/LambdaClient"),
            Map.entry("scheduler", "scheduler/SchedulerClient"),
            Map.entry("dynamodb", "dynamodb/DynamoDbClient"),
            Map.entry("s3", "s3/S3Client"),
            Map.entry("sns", "sns/SnsClient"),
            Map.entry("iam", "iam/IamClient"),
            Map.entry("cloudtrail", "cloudtrail/CloudTrailClient"),
            Map.entry("ecs", "ecs/EcsClient"),
            Map.entry("codebuild", "codebuild/CodeBuildClient"),
            Map.entry("sagemaker", "sagemaker/SageMakerClient"),
            Map.entry("batch", "batch/BatchClient"),
            Map.entry("bedrock", "bedrock/BedrockClient"),
            Map.entry("guardduty", "guardduty/GuardDutyClient"),
            Map.entry("autoscaling", "autoscaling/AutoScalingClient"),
            Map.entry("codepipeline", "codepipeline/CodePipelineClient"),
            Map.entry("account", "account/AccountClient"),
            Map.entry("sqs", "sqs/SqsClient"),
            Map.entry("cloudwatch", "cloudwatch/CloudWatchClient"),
            Map.entry("organizations", "organizations/OrganizationsClient"),
            Map.entry("config", "config/ConfigClient"),
            Map.entry("sts", "sts/StsClient"));

    @Test
    void everyFunctionsJar_carriesTheClientOfEveryServiceItsPolicyGrants() throws IOException {
        TemplateRules template = TemplateRules.load(Emulator.root().resolve("template.yaml"));
        assertThat(template.functions()).hasSizeGreaterThanOrEqualTo(7);
        Map<String, Set<String>> lacking = new java.util.TreeMap<>();
        for (String function : template.functions()) {
            Path jar = Emulator.root().resolve(template.resources().path(function).path("Properties")
                    .path("CodeUri").asText());
            assertThat(jar).as("%s's jar, built before the integration tests", function).isRegularFile();
            Set<String> missing = new TreeSet<>();
            try (JarFile contents = new JarFile(jar.toFile())) {
                for (String service : services(new LeastPrivilege(template, function).granted())) {
                    client(service).filter(c -> contents.getEntry(c) == null).ifPresent(c -> missing.add(service));
                }
            }
            if (!missing.isEmpty()) {
                lacking.put(function, missing);
            }
        }
        assertThat(lacking).as("by function, the services its policy grants whose SDK client its jar lacks").isEmpty();
    }

    private static Set<String> services(Set<String> granted) {
        Set<String> services = new TreeSet<>();
        granted.forEach(action -> services.add(action.substring(0, action.indexOf(':'))));
        return services;
    }

    // iam:PassRole and the like are calls of other services; a service the SDK has no client for here is not judged.
    private static Optional<String> client(String service) {
        return Optional.ofNullable(CLIENTS.get(service)).map(c -> "software/amazon/awssdk/services/" + c + ".class");
    }
}

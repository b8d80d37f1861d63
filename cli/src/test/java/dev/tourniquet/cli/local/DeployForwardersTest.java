package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/deploy-forwarders} against a stand-in AWS CLI that answers the read-only calls (account, the home
 * stack's delivery role, the enabled regions, the StackSet) and records every call: which regions get a forwarder,
 * with which parameters, by which commands. It cannot be run against AWS here; what AWS does with the commands is not
 * tested.
 */
class DeployForwardersTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/tourniquet/tourniquet-ForwarderDeliveryRole-Ab12";
    private static final String STAND_IN = """
            #!/usr/bin/env bash
            echo "$*" >> "$AWS_LOG"
            case "$*" in
              "configure get region") echo us-west-2 ;;
              "sts get-caller-identity --query Account --output text") echo 123456789012 ;;
              "sts get-caller-identity --query Arn --output text") echo arn:aws:iam::123456789012:user/admin ;;
              "cloudformation describe-stacks "*) echo "$ROLE_OUTPUT" ;;
              "ec2 describe-regions "*) echo "$ENABLED" ;;
              "cloudformation describe-stack-set "*) [ -n "$STACKSET_EXISTS" ] || exit 254 ;;
              "cloudformation list-stack-instances "*) echo "$DEPLOYED" ;;
              "cloudformation update-stack-set "*) echo operation-1 ;;
              "cloudformation describe-stack-set-operation "*) echo SUCCEEDED ;;
            esac
            """;

    @TempDir
    Path dir;

    private record Run(int exit, List<String> calls, String output) {
        List<String> changes() {
            return calls.stream().filter(c -> !c.startsWith("sts ") && !c.startsWith("ec2 describe-regions")
                    && !c.startsWith("cloudformation describe-") && !c.startsWith("cloudformation list-")
                    && !c.startsWith("configure ")).toList();
        }
    }

    private Run run(Map<String, String> env, String... arguments) throws IOException, InterruptedException {
        Path aws = dir.resolve("aws");
        Files.writeString(aws, STAND_IN);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
        Path log = dir.resolve("calls.log");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>(List.of("bash", ProjectRoot.locate().resolve("scripts/deploy-forwarders")
                .toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_CLI", aws.toString());
        builder.environment().put("AWS_LOG", log.toString());
        builder.environment().put("ROLE_OUTPUT", ROLE);
        builder.environment().put("ENABLED", "us-east-1\teu-west-3\tus-west-2\tap-southeast-4");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(exit, calls, output);
    }

    @Test
    void stacks_everyEnabledRegionButHome_getsTheForwarder_withTheHomeStacksRole_andTerminationProtection()
            throws Exception {
        Run run = run(Map.of(), "--home", "us-west-2");

        assertThat(run.exit()).as(run.output()).isZero();
        String template = ProjectRoot.locate().resolve("forwarder.yaml").toString();
        List<String> expected = new ArrayList<>();
        for (String region : List.of("ap-southeast-4", "eu-west-3", "us-east-1")) {
            expected.add("cloudformation deploy --region " + region + " --stack-name tourniquet-forwarder --template-file "
                    + template + " --no-fail-on-empty-changeset --parameter-overrides HomeRegion=us-west-2 DeliveryRoleArn="
                    + ROLE + " AlertEmail= ExtraInstanceFindingTypes= LambdaConcurrencyAlarmThreshold=0"
                    + " Ec2VcpuAlarmThreshold=0");
            expected.add("cloudformation update-termination-protection --region " + region
                    + " --stack-name tourniquet-forwarder --enable-termination-protection");
        }
        assertThat(run.changes()).containsExactlyElementsOf(expected);
        assertThat(run.calls()).contains("cloudformation describe-stacks --region us-west-2 --stack-name tourniquet "
                + "--query Stacks[0].Outputs[?OutputKey=='ForwarderDeliveryRoleArn'].OutputValue --output text");
    }

    @Test
    void dryRun_printsTheCommands_andChangesNothing() throws Exception {
        Run run = run(Map.of(), "--dry-run", "--alert-email", "sec@example.com");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.changes()).isEmpty();
        // The home region from the CLI's configuration (us-west-2): no forwarder there.
        assertThat(run.output()).contains("cloudformation deploy --region eu-west-3 --stack-name tourniquet-forwarder",
                "AlertEmail=sec@example.com").doesNotContain("--region us-west-2 --stack-name tourniquet-forwarder");
    }

    @Test
    void stackSet_new_isCreatedSelfManaged_withAnInstanceInEveryOtherRegion() throws Exception {
        Run run = run(Map.of(), "--home", "eu-west-3", "--stackset");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.changes()).hasSize(2);
        assertThat(run.changes().get(0)).startsWith("cloudformation create-stack-set --region eu-west-3 "
                + "--stack-set-name tourniquet-forwarders").contains("--permission-model SELF_MANAGED",
                "--administration-role-arn arn:aws:iam::123456789012:role/AWSCloudFormationStackSetAdministrationRole",
                "--execution-role-name AWSCloudFormationStackSetExecutionRole",
                "ParameterKey=HomeRegion,ParameterValue=eu-west-3", "ParameterKey=DeliveryRoleArn,ParameterValue=" + ROLE);
        assertThat(run.changes().get(1)).startsWith("cloudformation create-stack-instances --region eu-west-3 "
                + "--stack-set-name tourniquet-forwarders --accounts 123456789012 --regions ap-southeast-4 us-east-1 us-west-2 ");
    }

    @Test
    void stackSet_existing_isUpdated_andANewlyEnabledRegion_getsItsInstance() throws Exception {
        Run run = run(Map.of("STACKSET_EXISTS", "1", "DEPLOYED", "us-east-1\tus-west-2"), "--home", "eu-west-3",
                "--stackset");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.changes().get(0)).startsWith("cloudformation update-stack-set --region eu-west-3 ");
        assertThat(run.calls()).anyMatch(c -> c.startsWith("cloudformation describe-stack-set-operation --region "
                + "eu-west-3 --stack-set-name tourniquet-forwarders --operation-id operation-1"));
        assertThat(run.changes().get(1)).contains("create-stack-instances", "--regions ap-southeast-4 ")
                .doesNotContain("us-east-1 ", "us-west-2 ");
    }

    @Test
    void aHomeStackWithoutTheDeliveryRole_isRefused_beforeAnyChange() throws Exception {
        Run run = run(Map.of("ROLE_OUTPUT", "None"), "--home", "us-west-2");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("has no output ForwarderDeliveryRoleArn");
        assertThat(run.changes()).isEmpty();
    }
}

package dev.tourniquet.flow;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.step.lambda.LambdaClients;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * What the footprint reads from AWS when a record does not say it: an instance type's vCPU count
 * ({@code ec2:DescribeInstanceTypes}, asked once per type and kept: a type's size never changes; through the paced
 * EC2 client) and a function's current memory and timeout ({@code lambda:GetFunctionConfiguration}, in its region,
 * through the region's paced Lambda client) for an update that changed neither, or a mapping that names it.
 */
public final class FootprintShapes {
    /** What it calls. */
    public static final List<String> PERMISSIONS = List.of(InstanceTypeVcpus.PERMISSION,
            "lambda:GetFunctionConfiguration");

    private final AwsClients clients;
    private final InstanceTypeVcpus vcpus;

    public FootprintShapes(AwsClients clients) {
        this.clients = clients;
        this.vcpus = new InstanceTypeVcpus(new Ec2Clients(clients));
    }

    /** A function's memory (MB) and timeout (s). */
    public record FunctionSize(int memoryMb, int timeoutSeconds) {
    }

    /** The vCPU count of {@code instanceType}, asked in {@code region}; empty for a type EC2 does not know. */
    public OptionalInt vcpus(String region, String instanceType) {
        return vcpus.of(region, instanceType);
    }

    /** The function's current memory and timeout; empty when it is gone. */
    public Optional<FunctionSize> function(String region, String functionArn) {
        try {
            GetFunctionConfigurationResponse config = LambdaClients.lambda(clients, region)
                    .getFunctionConfiguration(r -> r.functionName(functionArn));
            return config.memorySize() == null || config.timeout() == null ? Optional.empty()
                    : Optional.of(new FunctionSize(config.memorySize(), config.timeout()));
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}

package dev.tourniquet.flow;

import dev.tourniquet.playbook.FootprintJudge;
import dev.tourniquet.step.ec2.Ec2Clients;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An EC2 instance type's vCPU count ({@code ec2:DescribeInstanceTypes}), asked once per type and kept: a type's size
 * never changes. Through the paced EC2 client of the region asked in. Only EC2: the workload function, which has no
 * Lambda client, judges SageMaker's and Batch's types with it.
 */
public final class InstanceTypeVcpus implements FootprintJudge.InstanceVcpus {
    /** What it calls. */
    public static final String PERMISSION = "ec2:DescribeInstanceTypes";

    private final Ec2Clients ec2;
    private final Map<String, OptionalInt> known = new ConcurrentHashMap<>();

    public InstanceTypeVcpus(Ec2Clients ec2) {
        this.ec2 = ec2;
    }

    /** The vCPU count of {@code instanceType}, asked in {@code region}; empty for a type EC2 does not know. */
    @Override
    public OptionalInt of(String region, String instanceType) {
        OptionalInt kept = known.get(instanceType);
        if (kept != null) {
            return kept;
        }
        OptionalInt read;
        try {
            read = ec2.ec2(region, true).describeInstanceTypes(r -> r.instanceTypesWithStrings(instanceType))
                    .instanceTypes().stream().findFirst().filter(t -> t.vCpuInfo() != null)
                    .map(t -> OptionalInt.of(t.vCpuInfo().defaultVCpus())).orElse(OptionalInt.empty());
        } catch (AwsServiceException e) {
            // A type EC2 does not know (a typo, one not offered here, a family) has no size to judge: said once, kept.
            if (!isInvalid(e)) {
                throw e;
            }
            read = OptionalInt.empty();
        }
        known.put(instanceType, read);
        return read;
    }

    private static boolean isInvalid(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        return code.startsWith("InvalidInstanceType") || code.startsWith("InvalidParameterValue");
    }
}

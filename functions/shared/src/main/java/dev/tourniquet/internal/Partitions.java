package dev.tourniquet.internal;

/**
 * The AWS partition of a region, for ARNs Tourniquet must build itself (never a hard-coded {@code arn:aws:}):
 * an event's region names its partition as surely as its ARNs do. The stack id is the other source
 * ({@link OwnStack#partition()}).
 *
 * @see <a href="https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html">Partitions</a>
 */
public final class Partitions {
    private Partitions() {}

    /** {@code cn-north-1} → {@code aws-cn}, {@code us-gov-west-1} → {@code aws-us-gov}, … ; {@code aws} otherwise. */
    public static String ofRegion(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        return region.startsWith("us-iso-") ? "aws-iso" : "aws";
    }

    /**
     * Where a partition's IAM (a global service) records its CloudTrail events: {@code us-east-1} in the
     * commercial partition, the partition's first region elsewhere.
     */
    public static String iamEventRegion(String partition) {
        return switch (partition) {
            case "aws-cn" -> "cn-north-1";
            case "aws-us-gov" -> "us-gov-west-1";
            case "aws-iso" -> "us-iso-east-1";
            case "aws-iso-b" -> "us-isob-east-1";
            default -> "us-east-1";
        };
    }

    /** The ARN of an IAM user or role by name, in the partition and account given. */
    public static String iamArn(String partition, String accountId, String resource) {
        return "arn:" + partition + ":iam::" + accountId + ":" + resource;
    }
}

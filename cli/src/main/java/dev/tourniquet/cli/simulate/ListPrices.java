package dev.tourniquet.cli.simulate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The AWS list prices the cost exposure uses: on-demand, Linux, in US dollars, before any free tier or
 * discount. Lambda's arm64 prices are those of its first tier (the first 7.5 billion GB-seconds a month)
 * and are the same in us-east-1, us-east-2 and eu-west-1, where the attacker's functions run; the EC2
 * prices are us-west-2's (equal to us-east-1's), where its GPU instance runs. These published prices
 * have not changed since the instance types and Lambda's arm64 pricing were introduced; recorded here on
 * {@value #RECORDED} from {@value #SOURCES}. The GPU instance in a region without a Tourniquet stack runs in
 * sa-east-1 (São Paulo), where EC2 costs more: its price was recorded on {@value #SA_EAST_RECORDED} from
 * {@value #SA_EAST_SOURCE} (whose us-west-2 price for the same type agrees with the one above); the quiet theft's
 * instance in ap-south-1 (Mumbai) is priced from the same source. The quiet theft's functions in sa-east-1 and
 * ap-south-1 are priced at the Lambda rate above: those regions' own Lambda rates were not recorded.
 */
final class ListPrices {
    static final String RECORDED = "2026-11-23";
    static final String SOURCES = "https://aws.amazon.com/lambda/pricing/ and https://aws.amazon.com/ec2/pricing/on-demand/";
    static final String SA_EAST_RECORDED = "2026-12-02";
    static final String SA_EAST_SOURCE = "AWS's price list as instances.vantage.sh publishes it (copy of 2026-08-26 in"
            + " github.com/tsaol/aws-gpu, data/g4dn_instances.js)";

    /** Lambda arm64 duration, USD per GB-second. */
    static final BigDecimal LAMBDA_ARM_GB_SECOND = new BigDecimal("0.0000133334");
    /** Lambda requests, USD per request ($0.20 per million). */
    static final BigDecimal LAMBDA_REQUEST = new BigDecimal("0.0000002");

    /** Fargate, Linux/x86, us-east-1: recorded on {@value #FARGATE_RECORDED} from {@value #FARGATE_SOURCE}. */
    static final String FARGATE_RECORDED = "2026-12-03";
    static final String FARGATE_SOURCE = "https://aws.amazon.com/fargate/pricing/ as quoted by vantage.sh/blog/fargate-pricing"
            + " and factualminds.com (June 2026); the AWS page itself was not read";
    /** Fargate, USD per vCPU-hour. */
    static final BigDecimal FARGATE_VCPU_HOUR = new BigDecimal("0.04048");
    /** Fargate, USD per GB-hour of task memory. */
    static final BigDecimal FARGATE_GB_HOUR = new BigDecimal("0.004445");

    private static final Map<String, BigDecimal> EC2_HOURLY = Map.of(
            "g4dn.xlarge", new BigDecimal("0.526"),
            "g4dn.12xlarge", new BigDecimal("3.912"),
            "p3.2xlarge", new BigDecimal("3.06"),
            "p3.16xlarge", new BigDecimal("24.48"));
    /** Where the price differs from us-west-2's: by region, then instance type. */
    private static final Map<String, Map<String, BigDecimal>> EC2_HOURLY_ELSEWHERE = Map.of(
            "sa-east-1", Map.of("g4dn.12xlarge", new BigDecimal("6.649")),
            "ap-south-1", Map.of("g4dn.12xlarge", new BigDecimal("4.306")));
    /** The regions whose EC2 prices equal us-west-2's. */
    private static final java.util.Set<String> SAME_AS_US_WEST_2 = java.util.Set.of("us-west-2", "us-east-1",
            "us-east-2");

    private ListPrices() {}

    /** One row of the price table. */
    record Price(String item, String regions, BigDecimal usd, String unit) {
    }

    /** USD per instance-hour of an on-demand Linux instance in us-west-2. */
    static BigDecimal ec2Hourly(String instanceType) {
        return ec2Hourly(instanceType, "us-west-2");
    }

    /** USD per instance-hour of an on-demand Linux instance in {@code region}. */
    static BigDecimal ec2Hourly(String instanceType, String region) {
        BigDecimal price = SAME_AS_US_WEST_2.contains(region) ? EC2_HOURLY.get(instanceType)
                : EC2_HOURLY_ELSEWHERE.getOrDefault(region, Map.of()).get(instanceType);
        if (price == null) {
            throw new IllegalArgumentException("no list price recorded for " + instanceType + " in " + region
                    + "; known: " + EC2_HOURLY.keySet() + " in " + SAME_AS_US_WEST_2 + ", " + EC2_HOURLY_ELSEWHERE);
        }
        return price;
    }

    static List<Price> table() {
        String lambdaRegions = "us-east-1, us-east-2, eu-west-1";
        return List.of(
                new Price("Lambda duration, arm64", lambdaRegions, LAMBDA_ARM_GB_SECOND, "USD per GB-second"),
                new Price("Lambda requests", lambdaRegions, LAMBDA_REQUEST, "USD per request"),
                new Price("EC2 g4dn.xlarge on-demand, Linux", "us-west-2", EC2_HOURLY.get("g4dn.xlarge"), "USD per hour"),
                new Price("EC2 g4dn.12xlarge on-demand, Linux", "us-west-2", EC2_HOURLY.get("g4dn.12xlarge"),
                        "USD per hour"),
                new Price("EC2 p3.2xlarge on-demand, Linux", "us-west-2", EC2_HOURLY.get("p3.2xlarge"), "USD per hour"),
                new Price("EC2 p3.16xlarge on-demand, Linux", "us-west-2", EC2_HOURLY.get("p3.16xlarge"),
                        "USD per hour"),
                new Price("EC2 g4dn.12xlarge on-demand, Linux (recorded " + SA_EAST_RECORDED + ")", "sa-east-1",
                        EC2_HOURLY_ELSEWHERE.get("sa-east-1").get("g4dn.12xlarge"), "USD per hour"),
                new Price("EC2 g4dn.12xlarge on-demand, Linux (recorded " + SA_EAST_RECORDED + ")", "ap-south-1",
                        EC2_HOURLY_ELSEWHERE.get("ap-south-1").get("g4dn.12xlarge"), "USD per hour"),
                new Price("Fargate vCPU, Linux/x86 (recorded " + FARGATE_RECORDED + ")", "us-east-1",
                        FARGATE_VCPU_HOUR, "USD per vCPU-hour"),
                new Price("Fargate memory, Linux/x86 (recorded " + FARGATE_RECORDED + ")", "us-east-1",
                        FARGATE_GB_HOUR, "USD per GB-hour"));
    }
}

package dev.tourniquet.step.ec2;

import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The tags Tourniquet puts on what it creates in EC2 (snapshots, isolation security groups). */
final class Ec2Tags {
    /** The incident a snapshot or group was made for. */
    public static final String INCIDENT = "tourniquet:incident";
    /** The instance a snapshot was taken of. */
    public static final String INSTANCE = "tourniquet:instance";
    /** Marks an isolation security group (its content is still verified before every use). */
    public static final String ISOLATION = "tourniquet:isolation";
    /** Marks every resource Tourniquet creates, as the template tags its functions. */
    public static final String COMPONENT = "tourniquet:component";

    private Ec2Tags() {}

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    /** A DescribeX filter on one tag's value. */
    static Filter filter(String key, String value) {
        return Filter.builder().name("tag:" + key).values(value).build();
    }
}

package dev.tourniquet.step.ec2;

import dev.tourniquet.internal.AlreadyDone;
import dev.tourniquet.internal.NotYetConsistentException;
import dev.tourniquet.internal.Verification;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Tourniquet's isolation security groups, one per VPC: no inbound and no outbound rule. A group is never
 * trusted by its name or tag (an attacker can create a group named or tagged like ours, with open rules, or
 * add rules to ours): it is used only after its content is read and found empty, every time. A new group is
 * named with a random suffix so that no pre-created name can block its creation.
 *
 * <p>IAM actions: {@code ec2:DescribeSecurityGroups}, {@code ec2:CreateSecurityGroup}, {@code ec2:CreateTags}
 * (tags on create), {@code ec2:RevokeSecurityGroupEgress} (the default allow-all egress rule).
 */
final class IsolationGroups {
    static final String NAME_PREFIX = "tourniquet-isolation-";
    static final List<String> PERMISSIONS = List.of("ec2:DescribeSecurityGroups", "ec2:CreateSecurityGroup",
            "ec2:CreateTags", "ec2:RevokeSecurityGroupEgress");

    private final Ec2Client ec2;

    IsolationGroups(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** Whether a group isolates: Tourniquet's, in this VPC, with no rule in either direction. */
    static boolean isolates(SecurityGroup group, String vpcId) {
        return vpcId.equals(group.vpcId()) && group.groupName().startsWith(NAME_PREFIX)
                && group.tags().stream().anyMatch(t -> Ec2Tags.ISOLATION.equals(t.key()))
                && group.ipPermissions().isEmpty() && group.ipPermissionsEgress().isEmpty();
    }

    /** The groups of this VPC tagged as isolation groups, whatever their content. */
    List<SecurityGroup> tagged(String vpcId) {
        return ec2.describeSecurityGroupsPaginator(r -> r.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder().name("tag-key").values(Ec2Tags.ISOLATION).build()))
                .securityGroups().stream().sorted(Comparator.comparing(SecurityGroup::groupId)).toList();
    }

    Optional<SecurityGroup> describe(String groupId) {
        return ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().stream().findFirst();
    }

    /** Plan mode: whether creating one would succeed (EC2 DryRun), creating nothing. */
    void checkCreate(String vpcId, String incidentId) {
        DryRun.check(() -> ec2.createSecurityGroup(request(vpcId, incidentId, true)));
    }

    /** A new isolation group for this VPC, checked empty before it is returned. */
    SecurityGroup create(String vpcId, String incidentId) {
        CreateSecurityGroupRequest request = request(vpcId, incidentId, false);
        String groupId = created(request, vpcId, incidentId);
        // A new VPC group allows all outbound traffic (IPv4, and IPv6 in a dual-stack VPC): revoke what it has.
        SecurityGroup created = describe(groupId).orElseThrow(() ->
                new NotYetConsistentException("security group " + groupId + " not listed yet"));
        if (!created.ipPermissionsEgress().isEmpty()) {
            AlreadyDone.unless(() -> ec2.revokeSecurityGroupEgress(r -> r.groupId(groupId)
                    .ipPermissions(created.ipPermissionsEgress())), "InvalidPermission.NotFound");
        }
        Verification.until("isolation group " + groupId + " has no rule",
                () -> describe(groupId).filter(g -> isolates(g, vpcId)).isPresent());
        return describe(groupId).orElseThrow();
    }

    // The SDK retries a create whose answer was lost with the same request, and so the same random name: the
    // group it made is the one of that name in this VPC carrying this incident's tag (the name was drawn now).
    private String created(CreateSecurityGroupRequest request, String vpcId, String incidentId) {
        try {
            return ec2.createSecurityGroup(request).groupId();
        } catch (AwsServiceException e) {
            if (!AlreadyDone.is(e, "InvalidGroup.Duplicate")) {
                throw e;
            }
            return ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build(),
                            Filter.builder().name("group-name").values(request.groupName()).build()))
                    .securityGroups().stream()
                    .filter(g -> g.tags().stream().anyMatch(t -> Ec2Tags.INCIDENT.equals(t.key())
                            && incidentId.equals(t.value())))
                    .map(SecurityGroup::groupId).findFirst().orElseThrow(() -> e);
        }
    }

    // The isolation tag is on the request itself: the function may create no other security group.
    private static CreateSecurityGroupRequest request(String vpcId, String incidentId, boolean dryRun) {
        String name = NAME_PREFIX + UUID.randomUUID().toString().substring(0, 8);
        return CreateSecurityGroupRequest.builder().dryRun(dryRun).vpcId(vpcId).groupName(name)
                .description("Tourniquet isolation: no inbound, no outbound. Never add rules to it.")
                .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP).tags(
                        Ec2Tags.tag(Ec2Tags.ISOLATION, "true"), Ec2Tags.tag(Ec2Tags.COMPONENT, "true"),
                        Ec2Tags.tag(Ec2Tags.INCIDENT, incidentId), Ec2Tags.tag("Name", name)))
                .build();
    }
}

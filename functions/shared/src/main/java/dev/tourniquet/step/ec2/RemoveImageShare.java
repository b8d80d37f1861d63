package dev.tourniquet.step.ec2;

import dev.tourniquet.step.ShareRemoval;
import dev.tourniquet.step.StepKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;

/**
 * Takes back an AMI's launch permission from the accounts (and {@code all}) a contained credential added
 * ({@code ModifyImageAttribute}); the owner's shares to other accounts stay ({@link ShareRemoval}).
 *
 * <p>IAM actions: {@code ec2:DescribeImageAttribute}, {@code ec2:ModifyImageAttribute}. Undo: {@code aws ec2
 * modify-image-attribute --launch-permission Add=[…]} with the recorded accounts (./tourniquet release does it).
 */
public final class RemoveImageShare extends ShareRemoval {
    private final Ec2Client ec2;

    public RemoveImageShare(Ec2Client ec2, String region, String imageId, Set<String> added) {
        super(region, imageId, added);
        this.ec2 = ec2;
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.REMOVE_IMAGE_SHARE;
    }

    @Override
    public String undo() {
        return "aws ec2 modify-image-attribute --image-id " + resource + " --region " + region
                + " --launch-permission Add=[…] with the accounts recorded in the incident (or ./tourniquet release)";
    }

    @Override
    protected String describe() {
        return "image " + resource;
    }

    @Override
    protected Set<String> sharedWith() {
        Set<String> shared = new LinkedHashSet<>();
        for (LaunchPermission p : ec2.describeImageAttribute(r -> r.imageId(resource)
                .attribute(ImageAttributeName.LAUNCH_PERMISSION)).launchPermissions()) {
            if (p.group() == PermissionGroup.ALL) {
                shared.add(EVERYONE);
            } else if (p.userId() != null) {
                shared.add(p.userId());
            }
        }
        return shared;
    }

    @Override
    protected void remove(Set<String> values) {
        modify(ec2, resource, OperationType.REMOVE, values);
    }

    static void modify(Ec2Client ec2, String imageId, OperationType operation, Set<String> values) {
        List<LaunchPermission> permissions = values.stream().map(v -> EVERYONE.equals(v)
                ? LaunchPermission.builder().group(PermissionGroup.ALL).build()
                : LaunchPermission.builder().userId(v).build()).toList();
        ec2.modifyImageAttribute(r -> r.imageId(imageId)
                .launchPermission(operation == OperationType.ADD ? m -> m.add(permissions) : m -> m.remove(permissions)));
    }
}

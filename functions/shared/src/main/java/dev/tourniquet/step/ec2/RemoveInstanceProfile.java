package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AlreadyDone;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociationState;

/**
 * Takes the instance profile off the instance, so that code on it gets no new credentials of its role.
 * Credentials already handed out stay valid until they expire: the role's older sessions are revoked by
 * the next step. The association and profile are recorded.
 *
 * <p>EC2 has no {@code DryRun} for this call: plan mode only reads. IAM actions:
 * {@code ec2:DescribeIamInstanceProfileAssociations}, {@code ec2:DisassociateIamInstanceProfile}. Undo:
 * associate the recorded profile again (see {@link #undo()}; needs {@code iam:PassRole} on its role).
 */
public final class RemoveInstanceProfile extends InstanceStep {
    private static final Set<IamInstanceProfileAssociationState> HELD = Set.of(
            IamInstanceProfileAssociationState.ASSOCIATED, IamInstanceProfileAssociationState.ASSOCIATING);

    public RemoveInstanceProfile(Ec2Client ec2, String instanceId, String region) {
        super(ec2, instanceId, region);
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.REMOVE_INSTANCE_PROFILE;
    }


    @Override
    public String undo() {
        return "aws ec2 associate-iam-instance-profile --region " + region + " --instance-id " + instanceId
                + " --iam-instance-profile Arn=PROFILE_ARN (recorded in prior.instanceProfileArn)";
    }

    @Override
    public StepResult run(StepContext context) {
        Optional<IamInstanceProfileAssociation> association = association();
        if (association.isEmpty()) {
            return new StepResult.Skipped(instanceId + " has no instance profile");
        }
        String associationId = association.get().associationId();
        String profileArn = association.get().iamInstanceProfile().arn();
        ObjectNode prior = prior().put("associationId", associationId).put("instanceProfileArn", profileArn);
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would remove instance profile " + profileArn + " from " + instanceId);
        }
        context.changing(prior);
        AlreadyDone.unless(() -> ec2.disassociateIamInstanceProfile(r -> r.associationId(associationId)),
                "InvalidAssociationID.NotFound");
        Verification.until("instance profile removed from " + instanceId, () -> association().isEmpty());
        return new StepResult.Applied(prior, "removed instance profile " + profileArn);
    }

    private Optional<IamInstanceProfileAssociation> association() {
        return ec2.describeIamInstanceProfileAssociations(r -> r.filters(f -> f.name("instance-id").values(instanceId)))
                .iamInstanceProfileAssociations().stream().filter(a -> HELD.contains(a.state())).findFirst();
    }
}

package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;

/**
 * Evidence first: the instance as EC2 describes it (the full DescribeInstances answer) and its console
 * output, written to the incident's evidence before anything changes. Changes nothing in the account, so
 * it collects in plan mode too.
 *
 * <p>IAM actions: {@code ec2:DescribeInstances}, {@code ec2:GetConsoleOutput}. Undo: nothing to undo
 * (evidence is kept under Object Lock).
 */
public final class CollectInstanceEvidence extends InstanceStep {

    public CollectInstanceEvidence(Ec2Client ec2, String instanceId, String region) {
        super(ec2, instanceId, region);
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.COLLECT_INSTANCE_EVIDENCE;
    }


    @Override
    public String undo() {
        return "nothing to undo: the instance description and console output are evidence";
    }

    @Override
    public StepResult run(StepContext context) {
        DescribeInstancesResponse description = ec2.describeInstances(r -> r.instanceIds(instanceId));
        String state = Ec2Instances.in(description, instanceId).state().nameAsString();
        GetConsoleOutputResponse console = ec2.getConsoleOutput(r -> r.instanceId(instanceId));
        String describeKey = context.evidence().putJson("instance-" + instanceId + ".json",
                SdkJson.of(description)).key();
        String consoleKey = context.evidence().put("console-output-" + instanceId + ".txt",
                decode(console.output()), "text/plain").key();
        ObjectNode prior = prior().put("state", state);
        prior.putArray("evidence").add(describeKey).add(consoleKey);
        String detail = "kept the instance description and console output (state " + state + ")";
        return context.planOnly() ? new StepResult.Planned(prior, detail + "; reads only, as in enforce mode")
                : new StepResult.Applied(prior, detail);
    }

    // The console output is base64; an instance that has written none yet has no output at all.
    private static byte[] decode(String output) {
        if (output == null || output.isEmpty()) {
            return "(no console output yet)".getBytes(StandardCharsets.UTF_8);
        }
        return Base64.getMimeDecoder().decode(output);
    }
}

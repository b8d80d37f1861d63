package dev.tourniquet.step.ec2;

import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * EC2's {@code DryRun}: the call is checked (permissions, parameters, resource state) and nothing changes.
 * AWS answers {@code DryRunOperation} when the call would have succeeded; any other error is real (for
 * example {@code UnauthorizedOperation}: the function lacks a permission) and is thrown.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/CommonParameters.html">DryRun</a>
 */
final class DryRun {
    static final String WOULD_SUCCEED = "DryRunOperation";

    private DryRun() {}

    /** Runs a call made with {@code dryRun(true)}; returns when AWS says it would succeed. */
    static void check(Runnable dryRunCall) {
        try {
            dryRunCall.run();
        } catch (Ec2Exception e) {
            if (e.awsErrorDetails() != null && WOULD_SUCCEED.equals(e.awsErrorDetails().errorCode())) {
                return;
            }
            throw e;
        }
        // Answering a dry run with success means the endpoint ignored DryRun and may have changed something.
        throw new IllegalStateException("EC2 answered a DryRun call without DryRunOperation");
    }
}

package dev.tourniquet.internal;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A change whose "it is already so" answer is success. When AWS applies a call and its answer is lost, the
 * SDK's retry meets the changed state and fails ({@code InvalidPermission.NotFound} for a rule already
 * revoked, {@code InvalidAssociationID.NotFound} for a profile already removed): the state the step wanted.
 * The step re-reads the resource afterwards in every case, so a code taken for "done" that was not is caught
 * by that verification, never trusted.
 */
public final class AlreadyDone {
    private AlreadyDone() {}

    /** Runs {@code change}; an AWS error with one of {@code codes} means it is already in place. */
    public static void unless(Runnable change, String... codes) {
        Set<String> done = Set.of(codes);
        try {
            change.run();
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() == null || !done.contains(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }
}

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
            if (!done.contains(code(e))) {
                throw e;
            }
        }
    }

    /** Whether AWS answered with this error code (and, when given, a message containing {@code words}). */
    public static boolean is(AwsServiceException e, String code, String... words) {
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return code.equals(code(e)) && java.util.Arrays.stream(words).allMatch(message::contains);
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    }
}

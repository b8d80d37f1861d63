package dev.tourniquet.internal;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place that decides what a failure means.
 *
 * @param kind    what may be done about it
 * @param message what happened, for logs, records and alerts (never a secret)
 */
public record Failure(Kind kind, String message) {
    private static final Set<String> GONE = Set.of("NoSuchEntity", "ResourceNotFoundException",
            "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed", "NotFoundException", "NoSuchKey",
            // ECS: a task's cluster or a service deleted since the event (issue 17).
            "ClusterNotFoundException", "ServiceNotFoundException", "ServiceNotActiveException");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthorizationError", "InvalidClientTokenId");

    public enum Kind {
        /** Throttling, 5xx, time-outs, not yet consistent: throw so that Lambda retries the delivery. */
        TRANSIENT,
        /** The resource no longer exists: record, no retry. */
        GONE,
        /** Containment could not be done (access denied, invalid request): alert, then throw. */
        CONTAINMENT_FAILED
    }

    public boolean retryable() {
        return kind == Kind.TRANSIENT;
    }

    public static Failure classify(Throwable error) {
        if (error instanceof ResourceGoneException) {
            return new Failure(Kind.GONE, error.getMessage());
        }
        if (error instanceof NotYetConsistentException) {
            return new Failure(Kind.TRANSIENT, error.getMessage());
        }
        if (error instanceof AwsServiceException service) {
            String code = Optional.ofNullable(service.awsErrorDetails()).map(AwsErrorDetails::errorCode).orElse("");
            String message = describe(service, code);
            if (service.isThrottlingException() || service.statusCode() >= 500 || service.retryable()) {
                return new Failure(Kind.TRANSIENT, message);
            }
            if (GONE.contains(code) || service.statusCode() == 404) {
                return new Failure(Kind.GONE, message);
            }
            if (DENIED.contains(code) || (code.isEmpty() && service.statusCode() == 403)) {
                return new Failure(Kind.CONTAINMENT_FAILED, "access denied: " + message);
            }
            return new Failure(Kind.CONTAINMENT_FAILED, message);
        }
        if (error instanceof SdkClientException) {
            return new Failure(Kind.TRANSIENT, "AWS unreachable: " + text(error));
        }
        // An SDK failure that is neither the service's answer nor a client-side one (a retry policy giving up,
        // an interrupted call): it says itself whether another attempt may help.
        if (error instanceof SdkException sdk) {
            return new Failure(sdk.retryable() ? Kind.TRANSIENT : Kind.CONTAINMENT_FAILED, text(error));
        }
        return new Failure(Kind.CONTAINMENT_FAILED, text(error));
    }

    // The exception's own message, else its cause's, always with its type: never "null".
    private static String text(Throwable error) {
        String message = Optional.ofNullable(error.getMessage()).filter(m -> !m.isBlank())
                .or(() -> Optional.ofNullable(error.getCause()).map(c -> c.getClass().getSimpleName() + ": "
                        + Optional.ofNullable(c.getMessage()).orElse("no message")))
                .orElse("no message");
        return error.getClass().getSimpleName() + ": " + message;
    }

    // A failure always names itself: the service's code and message when it sent them, else the HTTP status,
    // the operation's service and request id, so that no record reads "null: null".
    private static String describe(AwsServiceException service, String code) {
        AwsErrorDetails details = service.awsErrorDetails();
        // Without error details (an answer the SDK could not read), the exception's own message still says what.
        String text = Optional.ofNullable(details).map(AwsErrorDetails::errorMessage).filter(m -> !m.isBlank())
                .or(() -> details == null ? Optional.ofNullable(service.getMessage()).filter(m -> !m.isBlank())
                        : Optional.empty())
                .orElse(null);
        String where = Optional.ofNullable(details).map(AwsErrorDetails::serviceName).filter(n -> !n.isBlank())
                .map(n -> " from " + n).orElse("");
        String name = code.isBlank() ? "HTTP " + service.statusCode() + where : code;
        String request = Optional.ofNullable(service.requestId()).filter(id -> !id.isBlank())
                .map(id -> " (request " + id + ")").orElse("");
        return name + ": " + (text != null ? text : "no message" + request);
    }
}

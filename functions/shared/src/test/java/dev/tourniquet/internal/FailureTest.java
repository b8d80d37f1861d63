package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

class FailureTest {
    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message").build()).build();
    }

    @Test
    void classify_throttlingAndServerErrors_areTransient() {
        assertThat(Failure.classify(service("Throttling", 400)).kind()).isEqualTo(Failure.Kind.TRANSIENT);
        assertThat(Failure.classify(service("TooManyRequestsException", 429)).kind()).isEqualTo(Failure.Kind.TRANSIENT);
        assertThat(Failure.classify(service("ServiceUnavailable", 503)).kind()).isEqualTo(Failure.Kind.TRANSIENT);
        assertThat(Failure.classify(SdkClientException.create("connection reset")).kind())
                .isEqualTo(Failure.Kind.TRANSIENT);
        assertThat(Failure.classify(new NotYetConsistentException("not yet")).retryable()).isTrue();
    }

    @Test
    void classify_missingResource_isGone() {
        assertThat(Failure.classify(service("NoSuchEntity", 404)).kind()).isEqualTo(Failure.Kind.GONE);
        assertThat(Failure.classify(service("ResourceNotFoundException", 404)).kind()).isEqualTo(Failure.Kind.GONE);
        assertThat(Failure.classify(new ResourceGoneException("no key")).kind()).isEqualTo(Failure.Kind.GONE);
    }

    @Test
    void classify_accessDeniedAndBadRequests_areContainmentFailures() {
        Failure denied = Failure.classify(service("AccessDenied", 403));
        assertThat(denied.kind()).isEqualTo(Failure.Kind.CONTAINMENT_FAILED);
        assertThat(denied.message()).startsWith("access denied");
        assertThat(Failure.classify(service("ValidationError", 400)).retryable()).isFalse();
        assertThat(Failure.classify(new IllegalStateException("bug")).kind()).isEqualTo(Failure.Kind.CONTAINMENT_FAILED);
    }

    @Test
    void classify_aServiceErrorWithoutCodeOrMessage_stillNamesItself() {
        AwsServiceException bare = AwsServiceException.builder().statusCode(500).requestId("r-1").build();
        AwsServiceException noMessage = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidPermission.NotFound").serviceName("Ec2")
                        .build()).build();

        assertThat(Failure.classify(bare).message()).isEqualTo("HTTP 500: no message (request r-1)")
                .doesNotContain("null");
        assertThat(Failure.classify(bare).kind()).isEqualTo(Failure.Kind.TRANSIENT);
        assertThat(Failure.classify(noMessage).message()).isEqualTo("InvalidPermission.NotFound: no message")
                .doesNotContain("null");
    }

    @Test
    void classify_serviceErrorWithoutDetails_namesStatusAndMessage() {
        AwsServiceException unread = AwsServiceException.builder().statusCode(502).message("Bad Gateway").build();
        AwsServiceException forbidden = AwsServiceException.builder().statusCode(403).build();

        assertThat(Failure.classify(unread).message()).isEqualTo("HTTP 502: Bad Gateway").doesNotContain("null");
        assertThat(Failure.classify(unread).kind()).isEqualTo(Failure.Kind.TRANSIENT);
        assertThat(Failure.classify(forbidden).message()).startsWith("access denied: HTTP 403").doesNotContain("null");
        assertThat(Failure.classify(forbidden).kind()).isEqualTo(Failure.Kind.CONTAINMENT_FAILED);
    }

    @Test
    void classify_sdkErrorsWithoutMessage_nameTheirTypeAndCause() {
        SdkException retriesExhausted = SdkException.builder().cause(new java.io.IOException("connection reset"))
                .build();
        SdkException bare = SdkException.builder().build();
        SdkClientException clientBare = SdkClientException.builder().build();

        assertThat(Failure.classify(retriesExhausted).message()).isEqualTo("SdkException: connection reset");
        assertThat(Failure.classify(bare).message()).isEqualTo("SdkException: no message");
        assertThat(Failure.classify(clientBare).message()).isEqualTo("AWS unreachable: SdkClientException: no message");
        assertThat(Failure.classify(clientBare).retryable()).isTrue();
        assertThat(Failure.classify(new IllegalStateException()).message()).doesNotContain("null");
    }
}

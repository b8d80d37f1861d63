package dev.tourniquet.signal;

import dev.tourniquet.internal.Json;
import java.util.Map;
import java.util.Optional;

/**
 * Reads SageMaker's own "SageMaker Notebook Instance State Change" event. Only {@code InService} matters: a notebook
 * rents its instance from then on, and only then can it be stopped ({@code StopNotebookInstance} refuses a
 * {@code Pending} one). The event is SageMaker's report, not a call: its "caller" is SageMaker itself, so that a
 * containment it undoes is re-applied without containing anyone ({@link ContainmentUndone.Caller#isAwsService}).
 */
final class NotebookStateParser {
    static final String DETAIL_TYPE = "SageMaker Notebook Instance State Change";
    /** The action a held notebook's re-stop is recorded under: SageMaker's report, not a CloudTrail call. */
    static final String IN_SERVICE = "NotebookInstanceInService";
    private static final String SAGEMAKER = "sagemaker.amazonaws.com";

    ParseResult parse(Envelope envelope) {
        if (!DETAIL_TYPE.equals(envelope.detailType())) {
            return new ParseResult.Ignored("SageMaker event '" + envelope.detailType() + "' is not a notebook's state");
        }
        Optional<String> arn = Json.text(envelope.detail(), "/NotebookInstanceArn");
        String status = Json.text(envelope.detail(), "/NotebookInstanceStatus").orElse("");
        if (arn.isEmpty() || status.isEmpty()) {
            return new ParseResult.Rejected("the notebook state change has no detail.NotebookInstanceArn or"
                    + " detail.NotebookInstanceStatus");
        }
        if (!arn.get().matches("arn:[a-z-]+:sagemaker:[a-z0-9-]+:[0-9]{12}:notebook-instance/.+")) {
            return new ParseResult.Rejected("not a notebook instance ARN: " + arn.get());
        }
        if (!"InService".equals(status)) {
            return new ParseResult.Ignored("notebook instance " + arn.get() + " is " + status
                    + ": only one in service rents, and can be stopped");
        }
        Origin origin = envelope.origin();
        ContainmentUndone undone = new ContainmentUndone(origin, IN_SERVICE, arn.get(), Map.of(),
                new ContainmentUndone.Caller("", "AWSService", Optional.empty(), Optional.of(SAGEMAKER)),
                Optional.empty());
        return new ParseResult.InService(origin, arn.get(), undone);
    }
}

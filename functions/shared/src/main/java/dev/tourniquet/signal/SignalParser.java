package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads any event a Tourniquet rule delivers, choosing the parser by the envelope's source. */
public final class SignalParser {
    private static final String CLOUDTRAIL_DETAIL_TYPE = "AWS API Call via CloudTrail";
    private static final String ANOMALY_DETECTED = "Anomaly Detected";
    private static final String ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";

    private final GuardDutyFindingParser guardDuty = new GuardDutyFindingParser();
    private final HealthEventParser health = new HealthEventParser();
    private final ChainEventParser chain = new ChainEventParser();
    private final CloudTrailEventParser cloudTrail = new CloudTrailEventParser();
    private final CostAnomalyParser costAnomaly = new CostAnomalyParser();
    private final UsageAlarmParser usageAlarm = new UsageAlarmParser();
    private final NotebookStateParser notebookState = new NotebookStateParser();

    public ParseResult parse(JsonNode event) {
        return switch (Envelope.read(event)) {
            case Envelope.Result.Invalid invalid -> new ParseResult.Rejected(invalid.reason());
            case Envelope.Result.Valid valid -> parse(valid.envelope());
        };
    }

    public ParseResult parse(Envelope envelope) {
        if (CLOUDTRAIL_DETAIL_TYPE.equals(envelope.detailType())) {
            return cloudTrail.parse(envelope);
        }
        return switch (envelope.source()) {
            case "aws.guardduty" -> guardDuty.parse(envelope);
            case "aws.health" -> health.parse(envelope);
            case ChainEvents.SOURCE -> chain.parse(envelope);
            case "aws.ce" -> ANOMALY_DETECTED.equals(envelope.detailType()) ? costAnomaly.parse(envelope)
                    : new ParseResult.Ignored("Cost Explorer event '" + envelope.detailType() + "' is not an anomaly");
            case "aws.sagemaker" -> notebookState.parse(envelope);
            case "aws.cloudwatch" -> ALARM_STATE_CHANGE.equals(envelope.detailType()) ? usageAlarm.parse(envelope)
                    : new ParseResult.Ignored("CloudWatch event '" + envelope.detailType() + "' is not a state change");
            default -> new ParseResult.Ignored("events from '" + envelope.source() + "' are not Tourniquet's");
        };
    }
}

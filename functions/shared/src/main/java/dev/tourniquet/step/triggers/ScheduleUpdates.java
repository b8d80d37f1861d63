package dev.tourniquet.step.triggers;

import java.time.Instant;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * EventBridge Scheduler's {@code UpdateSchedule} replaces a schedule whole (an omitted field is reset), so a state
 * change re-sends everything {@code GetSchedule} returned.
 *
 * @see <a href="https://docs.aws.amazon.com/scheduler/latest/APIReference/API_UpdateSchedule.html">UpdateSchedule</a>
 */
final class ScheduleUpdates {
    private ScheduleUpdates() {}

    static UpdateScheduleRequest withState(GetScheduleResponse s, ScheduleState state) {
        // A start date in the past has done its work, and AWS refuses one older than 5 minutes: leave it out.
        Instant start = s.startDate() != null && s.startDate().isAfter(Instant.now()) ? s.startDate() : null;
        return UpdateScheduleRequest.builder().name(s.name()).groupName(s.groupName())
                .scheduleExpression(s.scheduleExpression()).scheduleExpressionTimezone(s.scheduleExpressionTimezone())
                .flexibleTimeWindow(s.flexibleTimeWindow()).target(s.target()).description(s.description())
                .startDate(start).endDate(s.endDate()).kmsKeyArn(s.kmsKeyArn())
                .actionAfterCompletion(s.actionAfterCompletionAsString()).state(state).build();
    }
}

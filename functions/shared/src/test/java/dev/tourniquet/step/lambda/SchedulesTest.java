package dev.tourniquet.step.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

class SchedulesTest {
    private static GetScheduleResponse schedule(Instant start) {
        return GetScheduleResponse.builder().name("keepalive").groupName("default").state(ScheduleState.ENABLED)
                .scheduleExpression("rate(3 minutes)").scheduleExpressionTimezone("UTC").description("keep warm")
                .flexibleTimeWindow(w -> w.mode("OFF")).startDate(start).kmsKeyArn("arn:aws:kms:us-west-2:1:key/k")
                .target(t -> t.arn("arn:aws:lambda:us-west-2:123456789012:function:f").roleArn("arn:aws:iam::1:role/r")
                        .input("{}"))
                .build();
    }

    @Test
    void withState_resendsEveryFieldWithOnlyTheStateChanged() {
        GetScheduleResponse current = schedule(Instant.now().plus(1, ChronoUnit.DAYS));

        UpdateScheduleRequest update = Schedules.withState(current, ScheduleState.DISABLED);

        assertThat(update.state()).isEqualTo(ScheduleState.DISABLED);
        assertThat(update.target()).isEqualTo(current.target());
        assertThat(update.flexibleTimeWindow()).isEqualTo(current.flexibleTimeWindow());
        assertThat(update.scheduleExpression()).isEqualTo("rate(3 minutes)");
        assertThat(update.description()).isEqualTo("keep warm");
        assertThat(update.kmsKeyArn()).isEqualTo(current.kmsKeyArn());
        assertThat(update.startDate()).isEqualTo(current.startDate());
    }

    @Test
    void withState_startDateInThePast_isLeftOut() {
        UpdateScheduleRequest update = Schedules.withState(schedule(Instant.parse("2026-01-01T00:00:00Z")),
                ScheduleState.DISABLED);

        assertThat(update.startDate()).isNull();
    }
}

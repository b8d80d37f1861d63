package dev.tourniquet.step.triggers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * Disables the EventBridge Scheduler schedules of the workload's region that start it again: a templated ECS or Batch
 * target on its cluster (running its family) or queue, or a universal target ({@code aws-sdk:ecs:runTask},
 * {@code aws-sdk:codebuild:startBuild}, {@code aws-sdk:batch:submitJob}) whose input names it. A schedule has one
 * target, so it is disabled whole, never deleted; Tourniquet's own schedules (by exact ARN) are left.
 *
 * <p>{@code UpdateSchedule} replaces the whole schedule, so every field {@code GetSchedule} read is sent back with only
 * the state changed ({@link ScheduleUpdates}); it passes the schedule's role, hence {@code iam:PassRole} (to
 * {@code scheduler.amazonaws.com} only). IAM actions: {@code scheduler:ListSchedules}, {@code scheduler:GetSchedule},
 * {@code scheduler:UpdateSchedule}, {@code iam:PassRole}. Undo: the same update with {@code --state ENABLED} for each
 * schedule recorded as enabled (./tourniquet release does it).
 */
public final class DisableSchedulesStartingWorkload extends TriggerStep {
    private final SchedulerClient scheduler;

    public DisableSchedulesStartingWorkload(SchedulerClient scheduler, String workloadArn, WorkloadStarts starts,
                                            OwnStack own) {
        this(scheduler, workloadArn, starts, own, Optional.empty());
    }

    /** Only the schedule {@code only} (its ARN), when a credential's own schedule is the incident. */
    public DisableSchedulesStartingWorkload(SchedulerClient scheduler, String workloadArn, WorkloadStarts starts,
                                            OwnStack own, Optional<String> only) {
        super(workloadArn, starts, own, only);
        this.scheduler = scheduler;
    }

    @Override
    public StepKind kind() {
        return TriggerStepKinds.DISABLE_SCHEDULES_STARTING_WORKLOAD;
    }

    @Override
    public String undo() {
        return "aws scheduler update-schedule --region " + starts.region() + " with the schedule's recorded definition"
                + " and --state ENABLED, for each schedule recorded as enabled (or ./tourniquet release)";
    }

    @Override
    public StepResult run(StepContext context) {
        List<GetScheduleResponse> schedules = schedulesStarting();
        if (schedules.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: no EventBridge Scheduler schedule starts "
                    + starts.describe());
        }
        ObjectNode prior = prior();
        ArrayNode listed = prior.putArray("schedules");
        schedules.forEach(s -> listed.add(SdkJson.object(s)));
        List<GetScheduleResponse> enabled = schedules.stream().filter(s -> s.state() == ScheduleState.ENABLED).toList();
        if (enabled.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "every schedule starting " + starts.describe()
                    + " already disabled");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would disable " + names(enabled));
        }
        context.changing(prior);
        enabled.forEach(s -> scheduler.updateSchedule(ScheduleUpdates.withState(s, ScheduleState.DISABLED)));
        Verification.until("schedules starting " + starts.describe() + " disabled", () -> enabled.stream()
                .allMatch(s -> get(s.groupName(), s.name()).state() == ScheduleState.DISABLED));
        return new StepResult.Applied(prior, "disabled " + names(enabled) + " (they started " + starts.describe() + ")");
    }

    private List<GetScheduleResponse> schedulesStarting() {
        List<GetScheduleResponse> found = new ArrayList<>();
        for (ScheduleSummary summary : scheduler.listSchedulesPaginator(r -> { }).schedules()) {
            String arn = summary.target() == null ? "" : summary.target().arn();
            boolean candidate = everyStart().stream().anyMatch(s -> s.targetArn().equals(arn))
                    || arn.contains(":scheduler:::aws-sdk:");
            if (!candidate || own.isOwn(summary.arn() == null ? "" : summary.arn())
                    || !within(summary.arn() == null ? "" : summary.arn())) {
                continue;
            }
            GetScheduleResponse schedule = get(summary.groupName(), summary.name());
            if (starts(schedule)) {
                found.add(schedule);
            }
        }
        return found;
    }

    private boolean starts(GetScheduleResponse schedule) {
        var target = schedule.target();
        return everyStart().stream().anyMatch(s -> s.startedBy(target.arn(), Optional.ofNullable(target.ecsParameters())
                .map(p -> p.taskDefinitionArn())) || s.startedByUniversal(target.arn(), target.input()));
    }

    private GetScheduleResponse get(String group, String name) {
        return scheduler.getSchedule(r -> r.groupName(group).name(name));
    }

    private static String names(List<GetScheduleResponse> schedules) {
        return schedules.size() + " schedule(s): " + String.join(", ", schedules.stream()
                .map(s -> s.groupName() + "/" + s.name()).toList());
    }
}

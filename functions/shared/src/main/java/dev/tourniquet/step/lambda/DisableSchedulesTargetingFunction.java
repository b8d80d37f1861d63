package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * Disables the EventBridge Scheduler schedules of the function's region that invoke it (target: the
 * function or one of its aliases) or that call a Lambda API on it through a universal target
 * ({@code aws-sdk:lambda:*} with the function in its input): the re-install loop ("create the miner again
 * every 3 minutes") stops. Disabled, never deleted.
 *
 * <p>{@code UpdateSchedule} replaces the whole schedule, so every field read by {@code GetSchedule} is sent
 * back with only the state changed ({@link Schedules}); it passes the schedule's role, hence
 * {@code iam:PassRole} (to {@code scheduler.amazonaws.com} only). IAM actions: {@code lambda:ListAliases},
 * {@code scheduler:ListSchedules}, {@code scheduler:GetSchedule}, {@code scheduler:UpdateSchedule},
 * {@code iam:PassRole}. Undo: the same update with {@code --state ENABLED}, for each schedule recorded as enabled
 * (./tourniquet release does it).
 */
public final class DisableSchedulesTargetingFunction extends FunctionStep {
    private static final String UNIVERSAL_LAMBDA_TARGET = ":scheduler:::aws-sdk:lambda:";

    private final SchedulerClient scheduler;
    private final Supplier<List<String>> aliases;

    public DisableSchedulesTargetingFunction(SchedulerClient scheduler, FunctionArn function,
                                             Supplier<List<String>> aliases) {
        super(function);
        this.scheduler = scheduler;
        this.aliases = aliases;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.DISABLE_SCHEDULES_TARGETING_FUNCTION;
    }

    @Override
    public String undo() {
        return "aws scheduler update-schedule --region " + function.region() + " with the schedule's recorded"
                + " definition and --state ENABLED, for each schedule recorded as enabled (or ./tourniquet release)";
    }

    @Override
    public StepResult run(StepContext context) {
        List<GetScheduleResponse> schedules = schedulesTargetingFunction();
        if (schedules.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: no EventBridge Scheduler schedule targets "
                    + function.name());
        }
        ObjectNode prior = prior();
        ArrayNode listed = prior.putArray("schedules");
        schedules.forEach(s -> listed.add(Schedules.describe(s)));
        List<GetScheduleResponse> enabled = schedules.stream().filter(s -> s.state() == ScheduleState.ENABLED).toList();
        if (enabled.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "every schedule targeting " + function.name()
                    + " already disabled");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would disable " + names(enabled));
        }
        context.changing(prior);
        enabled.forEach(s -> scheduler.updateSchedule(Schedules.withState(s, ScheduleState.DISABLED)));
        Verification.until("schedules targeting " + function.name() + " disabled", () -> enabled.stream()
                .allMatch(s -> get(s.groupName(), s.name()).state() == ScheduleState.DISABLED));
        return new StepResult.Applied(prior, "disabled " + names(enabled));
    }

    private List<GetScheduleResponse> schedulesTargetingFunction() {
        List<String> arns = new ArrayList<>(List.of(function.unqualified()));
        aliases.get().forEach(alias -> arns.add(function.unqualified() + ":" + alias));
        Set<String> targets = Set.copyOf(arns);
        List<GetScheduleResponse> found = new ArrayList<>();
        for (ScheduleSummary summary : scheduler.listSchedulesPaginator(r -> { }).schedules()) {
            String arn = summary.target() == null ? "" : summary.target().arn();
            if (targets.contains(arn)) {
                found.add(get(summary.groupName(), summary.name()));
            } else if (arn != null && arn.contains(UNIVERSAL_LAMBDA_TARGET)) {
                GetScheduleResponse schedule = get(summary.groupName(), summary.name());
                if (namesFunction(schedule.target().input())) {
                    found.add(schedule);
                }
            }
        }
        return found;
    }

    // A universal target's input is the Lambda API request: {"FunctionName": NAME or ARN, ...}.
    private boolean namesFunction(String input) {
        JsonNode request = InvokePolicies.parse(input);
        String named = request.path("FunctionName").asText("");
        return named.equals(function.name()) || named.equals(function.unqualified())
                || named.startsWith(function.unqualified() + ":");
    }

    private GetScheduleResponse get(String group, String name) {
        return scheduler.getSchedule(r -> r.groupName(group).name(name));
    }

    private static String names(List<GetScheduleResponse> schedules) {
        return schedules.size() + " schedule(s): " + String.join(", ", schedules.stream()
                .map(s -> s.groupName() + "/" + s.name()).toList());
    }
}

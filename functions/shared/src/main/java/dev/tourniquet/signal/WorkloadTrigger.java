package dev.tourniquet.signal;

import java.util.Optional;

/**
 * An EventBridge rule or an EventBridge Scheduler schedule a credential created or pointed at a workload (its
 * {@code PutTargets}, {@code CreateSchedule} or {@code UpdateSchedule} record): what would start a miner again even when
 * none runs now. It is a {@link Workload} so that the credential sweep, late records and the playbook take it as they
 * take the compute it starts (one incident per trigger); it is cut, never stopped.
 *
 * @param arn    the rule's ARN ({@code arn:aws:events:R:A:rule/[BUS/]NAME}) or the schedule's
 *               ({@code arn:aws:scheduler:R:A:schedule/GROUP/NAME})
 * @param starts what its target starts, as the record read it ({@link #SERVICE}, {@link #TARGET_ARN}, {@link #NAME},
 *               {@link #FAMILY}): the trigger cut is bounded to it
 */
public record WorkloadTrigger(String arn, java.util.Map<String, String> starts) implements Workload {
    public static final String RULE_TYPE = "events-rule-target";
    public static final String SCHEDULE_TYPE = "scheduler-schedule-target";
    /** Details: {@code ecs}, {@code codebuild}, {@code batch} or {@code codepipeline}. */
    public static final String SERVICE = "startsService";
    /** Details: the cluster, project, job queue or pipeline ARN the target names. */
    public static final String TARGET_ARN = "startsTargetArn";
    /** Details: the cluster, project, queue or pipeline name. */
    public static final String NAME = "startsName";
    /** Details: the ECS task definition family (empty for the others). */
    public static final String FAMILY = "startsFamily";

    public WorkloadTrigger {
        starts = java.util.Map.copyOf(starts);
    }

    /** Whether it is a schedule (else a rule). */
    public boolean schedule() {
        return arn.split(":", 6).length == 6 && arn.split(":", 6)[2].equals("scheduler");
    }

    /** Its bus (a rule) or group (a schedule): the part before its name, {@code default} when there is none. */
    public String container() {
        String resource = arn.split(":", 6).length == 6 ? arn.split(":", 6)[5] : "";
        String[] parts = resource.split("/");
        return parts.length >= 3 ? parts[1] : "default";
    }

    /** Its name. */
    public String name() {
        return Workload.lastName(arn);
    }

    public Optional<String> detail(String key) {
        return Optional.ofNullable(starts.get(key)).filter(v -> !v.isEmpty());
    }

    @Override
    public String type() {
        return schedule() ? SCHEDULE_TYPE : RULE_TYPE;
    }

    @Override
    public String describe() {
        return (schedule() ? "EventBridge Scheduler schedule " : "EventBridge rule ") + container() + "/" + name();
    }
}

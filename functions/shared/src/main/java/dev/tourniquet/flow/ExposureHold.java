package dev.tourniquet.flow;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.records.ExposureHolds;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.step.ec2.EnabledRegions;
import dev.tourniquet.step.lambda.LambdaClients;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The exposure hold of one resource kind: when a key is contained as exposed, what appeared in any enabled region
 * inside its exposure window whose creator provenance does not know yet is held at once — the one stopping call,
 * an incident of its own ({@link SweepRequest#provisionalOrigin}) — rather than left running until CloudTrail's
 * record arrives (minutes). The window is then watched for {@code ExposureHoldWaitMinutes}: what appears without a
 * record meanwhile is held too ({@link ExposureReview}), and each hold is judged as its records arrive
 * ({@link ExposureJudgement}). Only resources with no provenance record at all are held: one whose record names its
 * creation before the window is never held.
 *
 * <p>Not taken for a creator's bounded sweep (the key was implicated only as the creator of a caught resource, and
 * holding everything unexplained would reach past that bound), for an identity an incident created (its creator's
 * sweep took the hold), for a late record's sweep, for a sweep with no window (it would reach back to any time), or
 * when {@code ExposureHold} is false.
 *
 * <p>IAM actions: {@link #FUNCTION_PERMISSIONS} or {@link #INSTANCE_PERMISSIONS} (listing, the enabled regions, the
 * open holds, and the release of a stopping call).
 */
public final class ExposureHold {
    private static final dev.tourniquet.internal.StructuredLog LOG =
            dev.tourniquet.internal.StructuredLog.of(ExposureHold.class);
    public static final List<String> FUNCTION_PERMISSIONS = List.of("lambda:ListFunctions", "ec2:DescribeRegions",
            "lambda:DeleteFunctionConcurrency", "lambda:PutFunctionConcurrency", "dynamodb:DeleteItem",
            "dynamodb:Query");
    public static final List<String> INSTANCE_PERMISSIONS = List.of("ec2:DescribeInstances", "ec2:DescribeRegions",
            "ec2:StartInstances", "ec2:ModifyInstanceAttribute", "dynamodb:DeleteItem", "dynamodb:Query");
    /**
     * The workloads' hold (stop-workload): listing and the enabled regions; the stopping calls and their releases are
     * the workload steps' own.
     */
    public static final List<String> WORKLOAD_PERMISSIONS = java.util.stream.Stream.concat(
            WorkloadListings.PERMISSIONS.stream(), java.util.stream.Stream.of("ec2:DescribeRegions",
                    "dynamodb:DeleteItem", "dynamodb:Query")).toList();

    private final AppearedResources resources;
    private final Records records;
    private final Configuration configuration;
    private final Supplier<List<String>> regions;
    private final Releaser releaser;
    private final Clock clock;

    ExposureHold(AppearedResources resources, Records records, Configuration configuration,
                 Supplier<List<String>> regions, Releaser releaser, Clock clock) {
        this.resources = resources;
        this.records = records;
        this.configuration = configuration;
        this.regions = regions;
        this.releaser = releaser;
        this.clock = clock;
    }

    /** The hold of functions (quarantine-function). */
    public static ExposureHold ofFunctions(AwsClients clients, Records records) {
        return new ExposureHold(new AppearedFunctions(region -> LambdaClients.lambda(clients, region),
                clients.configuration().ownStack()), records, clients.configuration(), new EnabledRegions(clients)::list,
                new Releaser(clients), Clock.systemUTC());
    }

    /** The hold of instances (isolate-instance). */
    public static ExposureHold ofInstances(AwsClients clients, Ec2Clients ec2, Records records) {
        return new ExposureHold(new AppearedInstances(ec2), records, clients.configuration(),
                new EnabledRegions(clients)::list, new Releaser(clients), Clock.systemUTC());
    }

    /**
     * The hold of workloads (stop-workload): ECS tasks and services, CodeBuild builds, SageMaker jobs, notebook
     * instances and endpoints ({@link AppearedWorkloads}); each held through the workload playbook's reversible stop.
     */
    public static ExposureHold ofWorkloads(AwsClients clients, Records records) {
        return new ExposureHold(new AppearedWorkloads(WorkloadListings.of(clients)), records, clients.configuration(),
                new EnabledRegions(clients)::list, new Releaser(clients), Clock.systemUTC());
    }

    /** The same hold listing only these regions (tests: the emulator lists every region AWS has). */
    public ExposureHold inRegions(List<String> only) {
        return new ExposureHold(resources, records, configuration, () -> only, releaser, clock);
    }

    /** The same hold reading time from {@code at} (tests move it instead of waiting). */
    public ExposureHold withClock(Clock at) {
        return new ExposureHold(resources, records, configuration, regions, releaser, at);
    }

    /** Whether a sweep takes the hold (see the class comment). */
    /**
     * Where a hold's part of the window starts: the window's start, but never longer ago than the hold waits for a
     * record. What is older without a record is not "not yet known": its record should have arrived, and without it
     * (no trail there, made before Tourniquet was deployed) the hold would stop the owner's resources with nothing to
     * release them. A long window (an old finding's first-seen time) is judged by the sweep from provenance, as before.
     */
    static Instant holdsFrom(Instant windowStart, Instant now, java.time.Duration wait) {
        Instant recent = now.minus(wait);
        return windowStart.isAfter(recent) ? windowStart : recent;
    }

    boolean applies(SweepRequest request) {
        return configuration.exposureHold() && request.implication() == Implication.EXPOSED
                && !request.windowStart().equals(Instant.EPOCH) && !SweepCoordinator.isLate(request)
                && !dev.tourniquet.signal.ChainEvents.SWEEP_CONTINUED.equals(request.origin().detailType());
    }

    /**
     * At the sweep of an exposed key: starts watching its window and returns the provisional signals of what appeared
     * in it unexplained so far (nothing when the hold does not apply).
     *
     * @param swept what the sweep contains already (a Spot request's instances have no record of their own)
     */
    List<Signal> take(SweepRequest request, java.util.Set<String> swept) {
        if (!applies(request)) {
            return List.of();
        }
        Instant now = clock.instant();
        ExposureHolds.Window window = new ExposureHolds.Window(resources.kind(), request.incidentId(),
                request.accessKeyId(), request.principalArn(), holdsFrom(request.windowStart(), now,
                configuration.exposureHoldWait()), now,
                now.plus(configuration.exposureHoldWait()), request.origin().accountId());
        records.exposureHolds().watch(window);
        return catchUp(window, request, now, true, swept);
    }

    /**
     * The provisional signals of what appeared in the window up to {@code now}, unexplained and not decided before,
     * each recorded as held.
     *
     * @param heldAgain whether one held already is returned too (a sweep delivered again resumes its holds; the review
     *                  wants only what is new)
     * @param swept     what a sweep contains already: never held
     */
    List<Signal> catchUp(ExposureHolds.Window window, SweepRequest request, Instant now, boolean heldAgain,
                         java.util.Set<String> swept) {
        List<Signal> held = new ArrayList<>();
        Instant to = now.isBefore(window.until()) ? now : window.until();
        for (RegionalListing.Listed<AppearedResources.Appeared> listed : RegionalListing.of(regions.get(),
                region -> resources.list(region, window.windowStart(), to))) {
            listed.failure().ifPresent(e -> cannotList(listed.region(), e));
            String region = listed.region();
            for (AppearedResources.Appeared resource : listed.found()) {
                if (swept.contains(resource.resourceId()) || explained(resource)) {
                    continue;
                }
                Signal signal = resources.signal(request.provisionalOrigin(resource.accountId(), region),
                        resource.resourceId(), region, "appeared at " + resource.at() + ", inside the exposure window"
                                + " of contained credential " + request.accessKeyId() + " (incident "
                                + request.incidentId() + "), with no CloudTrail record of its creator yet",
                        java.util.Optional.empty());
                String holdIncident = IncidentIds.of(signal);
                if (records.exposureHolds().decision(holdIncident).isPresent()) {
                    continue;
                }
                boolean fresh = records.exposureHolds().hold(new ExposureHolds.Held(resources.kind(),
                        resource.resourceId(), region, signal.origin().accountId(), holdIncident, request.incidentId(),
                        request.accessKeyId(), request.principalArn(), window.windowStart(), resource.at(),
                        now.plus(configuration.exposureHoldWait()), resource.explainedBy()));
                if (fresh || heldAgain) {
                    held.add(signal);
                }
            }
        }
        return held;
    }

    // A region that cannot be listed (denied by a service control policy, throttled past the retries) must not stop
    // the sweep's containment of what provenance knows: logged, and listed again by the next review.
    private void cannotList(String region, RuntimeException e) {
        LOG.warn("exposure hold cannot list a region").with("region", region).with("kind", resources.kind())
                .with("reason", dev.tourniquet.internal.Failure.classify(e).message()).log();
    }

    // Known to provenance, itself or through what launched it: judged by the sweeps, never held.
    private boolean explained(AppearedResources.Appeared resource) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(resource.resourceId()),
                resource.explainedBy().stream()).anyMatch(id -> records.provenance().latest(id).isPresent());
    }

    AppearedResources resources() {
        return resources;
    }

    Records records() {
        return records;
    }

    Releaser releaser() {
        return releaser;
    }

    Instant now() {
        return clock.instant();
    }
}

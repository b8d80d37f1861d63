package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.Replayer;
import dev.tourniquet.cli.simulate.TimelineEntry.Actor;
import dev.tourniquet.cli.simulate.TimelineEntry.Kind;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays the attack on a simulated clock: the attacker's calls, the miners' runs and the signals AWS
 * emits are scheduled at their times; each signal goes through the template's rules into the real
 * handlers; after every delivery the emulator is read to see what is contained now. Tourniquet's own
 * time is real: a delivery advances the clock by the milliseconds it measurably took.
 */
final class Simulation {
    private final Scene scene;
    private final Delays delays;
    private final AttackProfile profile;
    private final PrintStream progress;
    private final Schedule schedule = new Schedule();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final Map<String, AttackerResource> resources = new LinkedHashMap<>();
    private final Map<String, Duration> containedAt = new HashMap<>();
    private final Map<String, Duration> stoppedAt = new HashMap<>();
    private final Map<String, Integer> runs = new HashMap<>();
    private final DeliveryLog deliveries = new DeliveryLog();
    private final Replayer replayer;
    private Duration now = Duration.ZERO;
    private final DeliveryClock deliveryClock = new DeliveryClock();
    private Optional<Duration> detectedAt = Optional.empty();
    private Llmjacking llm;
    private final java.util.Set<String> keyFindingScheduled = new java.util.HashSet<>();

    Simulation(Scene scene, Delays delays, AttackProfile profile, PrintStream progress) {
        this.scene = scene;
        this.delays = delays;
        this.profile = profile;
        this.progress = progress;
        this.replayer = scene.replayer().apply(this::delivered);
    }

    SimulationResult run(Instant pushedAt) {
        long started = System.nanoTime();
        scene.clock().start(pushedAt);
        Map<String, JsonNode> before = fingerprints();
        scheduleAttack();
        Duration end = delays.get(Delay.DURATION);
        long minute = -1;
        for (Optional<Schedule.Due> due = schedule.next(); due.isPresent(); due = schedule.next()) {
            // After the end only signals still in flight are delivered: nothing new starts.
            if (due.get().at().compareTo(end) > 0 && !(due.get().what() instanceof Happening.Signal)) {
                continue;
            }
            now = due.get().at();
            scene.clock().at(now);
            if (now.toMinutes() != minute) {
                minute = now.toMinutes();
                progress.println("tourniquet simulate: " + DurationText.clock(now) + " ...");
            }
            happen(due.get().what());
        }
        List<AttackerOutcome> attacker = resources.values().stream().map(this::outcome).toList();
        Map<String, JsonNode> after = fingerprints();
        List<OwnerOutcome> owner = scene.owner().stream()
                .map(o -> new OwnerOutcome(o.label(), before.get(o.label()), after.get(o.label()))).toList();
        timeline.sort(java.util.Comparator.comparing(TimelineEntry::at));
        return new SimulationResult(pushedAt, List.copyOf(timeline), attacker, owner, deliveries.incidents(),
                deliveries.steps(), now, (System.nanoTime() - started) / 1_000_000, scene.deployment(),
                new SimulationResult.HistoryUse(scene.history().lookups(), scene.history().regionsAsked()));
    }

    private void scheduleAttack() {
        schedule.add(Duration.ZERO, new Happening.Leak());
        if (profile.reported()) {
            Duration health = delays.get(Delay.HEALTH);
            schedule.add(health, new Happening.Signal("AWS Health: AWS_RISK_CREDENTIALS_EXPOSED for "
                    + scene.key().accessKeyId(), () -> scene.signals().exposedKey(health),
                    Optional.of(scene.key().accessKeyId())));
        } else {
            timeline.add(new TimelineEntry(Duration.ZERO, Actor.AWS, Kind.NOTE, "nobody reports the key: it was never"
                    + " public (no AWS Health event) and GuardDuty is off (no finding on the key, the functions or"
                    + " the instances); only CloudTrail records what it does", -1));
        }
        Duration at = delays.get(Delay.ATTACKER);
        for (AttackerCall call : scene.attacker().burst()) {
            schedule.add(at, new Happening.Call(call));
            at = at.plus(delays.get(Delay.ATTACKER_STEP));
        }
        if (profile.reported()) {
            // LLMjacking: a minute of Bedrock invocations at a time, from just after the attacker's first call.
            llm = new Llmjacking(scene);
            Llmjacking.minutes(delays.get(Delay.ATTACKER).plusSeconds(1), delays.get(Delay.DURATION))
                    .forEach(minute -> schedule.add(minute, new Happening.Invoke()));
        }
        for (Duration loop = delays.get(Delay.ATTACKER).plus(profile.runEvery());
             loop.compareTo(delays.get(Delay.DURATION)) <= 0; loop = loop.plus(profile.runEvery())) {
            schedule.add(loop, new Happening.Loop());
        }
    }

    private void happen(Happening what) {
        switch (what) {
            case Happening.Leak leak -> {
                AttackerResource key = new AttackerResource(AttackerResource.Kind.ACCESS_KEY,
                        scene.key().accessKeyId(), "global", scene.key().accessKeyId() + " of " + scene.key().userName(),
                        now, scene.key().accessKeyId());
                scene.probe().watch(scene.key());
                resources.put(key.id(), key);
                add(Actor.ATTACKER, Kind.ATTACK, "(T0) " + scene.key().userName() + "'s access key "
                        + scene.key().accessKeyId() + (profile.reported() ? " is pushed to a public repository"
                        : " is copied from a developer's laptop"), -1);
            }
            case Happening.Call call -> call(call.call());
            case Happening.Loop loop -> loop();
            case Happening.Invoke invoke -> invoke();
            case Happening.MiningRun run -> mine(run);
            case Happening.Signal signal -> signal(signal);
        }
    }

    private void call(AttackerCall call) {
        CallOutcome outcome = scene.attacker().perform(call, now, this::blocked);
        add(Actor.ATTACKER, outcome.succeeded() ? Kind.ATTACK : Kind.BLOCKED, outcome.text(), outcome.millis());
        if (!outcome.succeeded()) {
            return;
        }
        if (outcome.call().kind() == AttackerCall.Kind.CREATE_ACCESS_KEY) {
            scene.attacker().backdoorKey().ifPresent(scene.probe()::watch);
        }
        outcome.trail().ifPresent(this::recorded);
        LeakedKey signer = outcome.call().with() == AttackerCall.Credential.BACKDOOR_KEY
                ? scene.attacker().backdoorKey().orElse(scene.key()) : scene.key();
        if (profile.reported() && keyFindingScheduled.add(signer.accessKeyId())) {
            Duration calledAt = now;
            Duration found = now.plus(delays.get(Delay.GUARDDUTY));
            String api = signer == scene.key() ? "GetUser" : "CreateFunction";
            schedule.add(found, new Happening.Signal("GuardDuty: UnauthorizedAccess:IAMUser/MaliciousIPCaller on "
                    + signer.accessKeyId() + " (" + signer.userName() + ")", () -> scene.signals().keyFinding(signer,
                    calledAt, api, signer == scene.key() ? "iam.amazonaws.com" : "lambda.amazonaws.com", found),
                    Optional.of(signer.accessKeyId())));
        }
        outcome.created().ifPresent(this::created);
    }

    /**
     * A call's CloudTrail record: kept in its region's event history after the history delay, and delivered
     * to Tourniquet after the CloudTrail delay only where a Tourniquet stack receives that region's events.
     */
    private void recorded(CloudTrailRecord trail) {
        Duration calledAt = now;
        Duration delivered = now.plus(delays.get(Delay.CLOUDTRAIL));
        ObjectNode event = scene.signals().cloudTrail(trail, calledAt, delivered);
        String region = trail.deliveredIn();
        scene.history().record(region, event.path("detail"),
                scene.clock().instant(now.plus(delays.get(Delay.HISTORY))));
        String caller = event.at("/detail/userIdentity/accessKeyId").asText();
        if (scene.deployment().covers(region)) {
            schedule.add(delivered, new Happening.Signal("CloudTrail: " + trail.eventName() + " (" + region + ") by "
                    + caller, () -> event));
        } else {
            timeline.add(new TimelineEntry(delivered, Actor.AWS, Kind.NOTE, "CloudTrail: " + trail.eventName() + " ("
                    + region + ") by " + caller + " is never delivered: no Tourniquet stack in " + region
                    + " (only in its event history, from " + DurationText.clock(now.plus(delays.get(Delay.HISTORY)))
                    + ")", -1));
        }
    }

    /** Why the attacker's key cannot act now, or empty when it can. */
    private Optional<String> blocked(AttackerCall.Credential credential) {
        if (credential == AttackerCall.Credential.LEAKED_KEY) {
            return keyBlocked();
        }
        Optional<LeakedKey> backdoor = scene.attacker().backdoorKey();
        if (backdoor.isEmpty()) {
            return Optional.of("no backdoor key yet");
        }
        return asOfNow(backdoor.get().userArn(), scene.probe().keyBlocked(backdoor.get().accessKeyId()));
    }

    private void created(AttackerResource resource) {
        resources.put(resource.id(), resource);
        if (resource.kind() == AttackerResource.Kind.FUNCTION) {
            schedule.add(now.plus(AttackProfile.FIRST_RUN_AFTER), new Happening.MiningRun(resource, 0));
        } else if (resource.kind() == AttackerResource.Kind.INSTANCE && profile.reported()) {
            Duration launched = now;
            Duration found = now.plus(delays.get(Delay.GUARDDUTY));
            if (!scene.deployment().covers(resource.region())) {
                timeline.add(new TimelineEntry(found, Actor.AWS, Kind.NOTE, "GuardDuty: CryptoCurrency:EC2/BitcoinTool.B"
                        + " on " + resource.id() + " stays in " + resource.region() + ": no Tourniquet stack there", -1));
                return;
            }
            schedule.add(found, new Happening.Signal("GuardDuty: CryptoCurrency:EC2/BitcoinTool.B on " + resource.id()
                    + " (" + resource.region() + ")", () -> scene.signals().instanceFinding(scene.aws()
                    .ec2(resource.region()).describeInstances(r -> r.instanceIds(resource.id())).reservations().get(0)
                    .instances().get(0), resource.region(), launched, found)));
        }
    }

    private void loop() {
        Optional<String> leaked = blocked(AttackerCall.Credential.LEAKED_KEY);
        Optional<String> backdoor = blocked(AttackerCall.Credential.BACKDOOR_KEY);
        Attacker.Loop loop = scene.attacker().loop(leaked.isPresent() && backdoor.isPresent()
                ? Optional.of(leaked.get() + (scene.attacker().backdoorKey().isPresent() ? "; " + backdoor.get() : ""))
                : Optional.empty());
        if (loop.blockedBy().isPresent()) {
            add(Actor.ATTACKER, Kind.BLOCKED, "3-minute loop cannot re-install the miners: " + loop.blockedBy().get(),
                    -1);
            return;
        }
        add(Actor.ATTACKER, Kind.ATTACK, "3-minute loop re-installs the miners (" + loop.calls().size() + " calls)", -1);
        Duration at = now;
        for (AttackerCall call : loop.calls()) {
            at = at.plus(delays.get(Delay.ATTACKER_STEP));
            schedule.add(at, new Happening.Call(call));
        }
    }

    private void mine(Happening.MiningRun run) {
        AttackerResource function = run.function();
        Optional<String> blocked = asOfNow(function.id(), scene.probe().whyCannotRun(function, run.run() > 0));
        String source = run.run() == 0 ? "invoked by the attacker" : "run " + (run.run() + 1) + " by its 3-minute rule";
        if (blocked.isPresent()) {
            add(Actor.ATTACKER, Kind.BLOCKED, function.name() + " (" + function.region() + ") cannot mine ("
                    + source + "): " + blocked.get(), -1);
            return;
        }
        runs.merge(function.id(), 1, Integer::sum);
        add(Actor.ATTACKER, Kind.MINING, function.name() + " (" + function.region() + ") mines, " + source + ": "
                + profile.executionsPerRun() + " execution x " + profile.executionSeconds() + " s at "
                + profile.functionMemoryMb() + " MB", -1);
        schedule.add(now.plus(profile.runEvery()), new Happening.MiningRun(function, run.run() + 1));
        if (!profile.reported()) {
            return;
        }
        if (run.run() == 0 && !scene.deployment().covers(function.region())) {
            timeline.add(new TimelineEntry(now.plus(delays.get(Delay.GUARDDUTY)), Actor.AWS, Kind.NOTE, "GuardDuty:"
                    + " CryptoCurrency:Lambda/BitcoinTool.B on " + function.name() + " stays in " + function.region()
                    + ": no Tourniquet stack there", -1));
        } else if (run.run() == 0) {
            Duration firstRun = now;
            Duration found = now.plus(delays.get(Delay.GUARDDUTY));
            scene.attacker().function(function.id()).ifPresent(config -> schedule.add(found, new Happening.Signal(
                    "GuardDuty: CryptoCurrency:Lambda/BitcoinTool.B on " + function.name() + " (" + function.region()
                            + ")", () -> scene.signals().functionFinding(config, function.region(), firstRun, found))));
        }
    }

    private void signal(Happening.Signal signal) {
        if (detectedAt.isEmpty() && signal.reportsKey().filter(scene.key().accessKeyId()::equals).isPresent()) {
            detectedAt = Optional.of(now);
        }
        ObjectNode event = signal.event().get();
        add(Actor.AWS, Kind.SIGNAL, signal.label(), -1);
        deliveryClock.signal(now);
        scene.clock().at(now);
        replayer.replay(event);
    }

    // Called by the replayer as each delivery (the event, then each chain event it caused) completes.
    private void delivered(ObjectNode delivery) {
        long millis = delivery.path("millis").asLong(0);
        Duration ended = deliveryClock.delivered(delivery.path("event").asText(), millis);
        scene.clock().at(deliveryClock.latest());
        DeliveryLog.Line line = deliveries.read(delivery);
        timeline.add(new TimelineEntry(ended, Actor.TOURNIQUET, line.acted() ? Kind.CONTAINMENT : Kind.NOTE,
                line.text(), delivery.has("millis") ? millis : -1));
        drainScaledServices(ended);
        for (AttackerResource resource : resources.values()) {
            if (!containedAt.containsKey(resource.id())) {
                ContainmentProbe.Containment containment = scene.probe().check(resource);
                // The stop is one call of the delivery just ended; full containment may need several deliveries of
                // the same event, so it is dated when the latest of them has ended.
                if (containment.stopped()) {
                    stoppedAt.putIfAbsent(resource.id(), ended);
                }
                if (containment.contained()) {
                    containedAt.put(resource.id(), deliveryClock.latest());
                    timeline.add(new TimelineEntry(deliveryClock.latest(), Actor.TOURNIQUET, Kind.CONTAINMENT,
                            "the emulator shows " + resource.label() + " contained: " + containment.state(), -1));
                }
            }
        }
    }

    // AWS's part after a delivery: ECS stops the tasks of a service whose desired count was lowered (moto does not).
    private void drainScaledServices(Duration at) {
        for (AttackerResource resource : resources.values()) {
            if (resource.kind() == AttackerResource.Kind.SERVICE && !containedAt.containsKey(resource.id())) {
                int stopped = FargateMiner.scheduled(scene.aws().ecs(resource.region()), resource);
                if (stopped > 0) {
                    timeline.add(new TimelineEntry(at, Actor.AWS, Kind.NOTE, "ECS service scheduler: "
                            + resource.label() + " is below its running tasks: " + stopped + " task(s) stopped", -1));
                }
            }
        }
    }

    private AttackerOutcome outcome(AttackerResource resource) {
        ContainmentProbe.Containment containment = scene.probe().check(resource);
        return new AttackerOutcome(resource, containment.contained(), containment.state(),
                Optional.ofNullable(containedAt.get(resource.id())).filter(at -> containment.contained()),
                runs.getOrDefault(resource.id(), 0),
                !"global".equals(resource.region()) && !scene.deployment().covers(resource.region()),
                StopClock.startOf(detectedAt.map(at -> new StopClock(at, scene.key().accessKeyId(),
                        delays.get(Delay.CLOUDTRAIL))), resource),
                Optional.ofNullable(stoppedAt.get(resource.id())).filter(at -> containment.contained()));
    }

    private Optional<String> keyBlocked() {
        ContainmentProbe.Containment key = scene.probe().check(resources.get(scene.key().accessKeyId()));
        return asOfNow(scene.key().accessKeyId(), Optional.of(key.state()).filter(state -> key.contained()));
    }

    /**
     * The emulator is read after the fact: a change Tourniquet finished at a later simulated time than now
     * (a delivery takes real milliseconds) has not happened yet for whatever is due now.
     */
    private Optional<String> asOfNow(String resourceId, Optional<String> blocked) {
        Duration seen = containedAt.get(resourceId);
        return blocked.filter(why -> seen == null || seen.compareTo(now) <= 0);
    }

    private Map<String, JsonNode> fingerprints() {
        Map<String, JsonNode> prints = new HashMap<>();
        scene.owner().forEach(o -> prints.put(o.label(), o.fingerprint(scene.aws())));
        return prints;
    }

    // A minute of the attacker's Bedrock invocations; the first one's AI Protection finding after GuardDuty's delay.
    private void invoke() {
        Llmjacking.Minute minute = llm.invoke(now, keyBlocked(), delays.get(Delay.HISTORY));
        minute.text().ifPresent(text -> add(Actor.ATTACKER, minute.made() ? Kind.ATTACK : Kind.BLOCKED, text, -1));
        minute.created().ifPresent(invocations -> {
            resources.put(invocations.id(), invocations);
            Duration first = now;
            Duration found = now.plus(delays.get(Delay.GUARDDUTY));
            schedule.add(found, new Happening.Signal("GuardDuty: Impact:IAMUser/CostHarvesting on "
                    + scene.key().accessKeyId() + " (" + Llmjacking.MODEL + ")", () -> scene.signals()
                    .modelFinding(first, Llmjacking.MODEL, found), Optional.of(scene.key().accessKeyId())));
        });
    }

    private void add(Actor actor, Kind kind, String text, long millis) {
        timeline.add(new TimelineEntry(now, actor, kind, text, millis));
    }
}

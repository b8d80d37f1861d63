package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.Exemptions;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.playbook.FootprintJudge;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.FootprintBreachEvent;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.LaunchSource;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ServiceCallers;
import dev.tourniquet.signal.SpendShape;
import dev.tourniquet.step.events.ChainEventBus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Holds one spend-creating CloudTrail record to the owner's footprint (issue 16, README "Spend guard"): a record
 * whose caller is neither exempt ({@code ExemptPrincipalArns}), nor an AWS service acting for the owner, nor one of
 * Tourniquet's own roles is judged ({@link FootprintJudge}) and, outside the footprint, announced twice on
 * Tourniquet's bus: {@link ChainEvents#RESOURCE_OUTSIDE_FOOTPRINT} (the function, instance, Spot request, fleet or
 * group contained at once, as its own incident {@code footprint/<resourceId>}) and
 * {@link ChainEvents#CREDENTIAL_COMPROMISED} for its caller (a key deactivated, a role session revoked as that one
 * session, root alerted only), implicated as the resource's creator. Inside the footprint nothing happens.
 *
 * <p>What the record leaves out is read: an instance type's vCPUs, a function's current memory and timeout (an update
 * that changed neither, a mapping that names it), and the instance type of the launch template a group or fleet
 * launches from, when the template's own record (its creation or version) says it ({@link FootprintShapes}). A
 * template itself launches nothing and is only recorded.
 *
 * <p>Used by record-provenance for every record it receives, and by whoever else judges records (the cost and usage
 * brakes, on CloudTrail history). Throws when a read or the bus fails: the delivery is retried, and the chain events'
 * incident ids make a second announcement change nothing.
 */
public final class FootprintGuard implements FootprintCheck {
    private static final StructuredLog LOG = StructuredLog.of(FootprintGuard.class);
    /** What it calls: the reads of {@link FootprintShapes}, chain events put. */
    public static final List<String> PERMISSIONS = Stream.concat(FootprintShapes.PERMISSIONS.stream(),
            ChainEventBus.PERMISSIONS.stream()).toList();
    private static final java.util.Set<String> CONTAINED_CALLERS = java.util.Set.of("IAMUser", "AssumedRole", "Root");

    private final FootprintJudge judge;
    private final FootprintJudge offline;
    private final Exemptions exemptions;
    private final ProvenanceStore provenance;
    private final ChainEventBus bus;
    private final FootprintShapes shapes;
    private final dev.tourniquet.internal.Footprint footprint;

    public FootprintGuard(Configuration configuration, ProvenanceStore provenance, ChainEventBus bus,
                          FootprintShapes shapes) {
        this.judge = new FootprintJudge(configuration.footprint(), shapes::vcpus);
        this.offline = new FootprintJudge(configuration.footprint(), (region, type) -> java.util.OptionalInt.empty());
        this.exemptions = new Exemptions(configuration);
        this.provenance = provenance;
        this.bus = bus;
        this.shapes = shapes;
        this.footprint = configuration.footprint();
    }

    @Override
    public boolean outsideRegions(String region) {
        return footprint.isOn() && !footprint.allowsRegion(region);
    }

    /** The guard of a function's own clients and records. */
    public static FootprintGuard of(AwsClients clients, ProvenanceStore provenance, ChainEventBus bus) {
        return new FootprintGuard(clients.configuration(), provenance, bus, new FootprintShapes(clients));
    }

    /** The spend brakes' check of a history record: the same judgement and announcement as a delivered record's. */
    @Override
    public Optional<FootprintBreach> check(Provenance record) {
        return guard(record);
    }

    /** Whether there is a footprint at all (else {@link #guard} returns at once). */
    @Override
    public boolean isOn() {
        return judge.isOn();
    }

    /**
     * Judges {@code record} and announces a breach.
     *
     * @return the breach announced, if the record broke the footprint
     */
    public Optional<FootprintBreach> guard(Provenance record) {
        Optional<FootprintBreach> breach = judge(record);
        breach.ifPresent(b -> announce(record, b));
        return breach;
    }

    /** The rule {@code record} breaks, judging nothing for a caller the footprint does not hold (announces nothing). */
    public Optional<FootprintBreach> judge(Provenance record) {
        return judged(record).flatMap(r -> judge.judge(shaped(r)));
    }

    /**
     * The rule {@code record} breaks by what it says alone, reading nothing from AWS ({@code ./tourniquet plan}): an
     * instance type's vCPUs and a function's size left out of the record are not known, so not judged.
     */
    public Optional<FootprintBreach> judgeOffline(Provenance record) {
        return judged(record).flatMap(offline::judge);
    }

    // The record, when the footprint holds it and its caller.
    private Optional<Provenance> judged(Provenance record) {
        if (!judge.isOn() || !SpendShape.judged(record)) {
            return Optional.empty();
        }
        Optional<String> why = unjudged(record);
        if (why.isPresent()) {
            LOG.info("footprint not judged").with("resource_arn", record.resourceId())
                    .with("principal_arn", record.principalArn()).with("reason", why.get()).log();
            return Optional.empty();
        }
        return Optional.of(record);
    }

    // Who the footprint does not hold: exempt principals, Tourniquet itself, AWS services acting for the owner (a
    // group's or fleet's launches by its service-linked role are judged through the group's or fleet's own record).
    // A call a service made with a person's identity (invokedBy: CloudFormation, SAM) is still judged: a stack is the
    // first thing an attacker who read the README would try. Its caller is not named (announce).
    private Optional<String> unjudged(Provenance record) {
        if (ServiceCallers.isAwsService(record.principalType(), record.principalArn(), Optional.empty())) {
            return Optional.of("an AWS service acting for the owner");
        }
        return exemptions.forCaller(record.principalArn());
    }

    // The record with what it leaves out read: a function's size, the type of the template a group or fleet uses.
    private Provenance shaped(Provenance record) {
        Map<String, String> details = new HashMap<>(record.details());
        if ("function".equals(record.resourceType()) && (SpendShape.memoryMb(record).isEmpty()
                || SpendShape.timeoutSeconds(record).isEmpty())) {
            shapes.function(record.region(), record.resourceId()).ifPresent(size -> {
                details.putIfAbsent(SpendShape.MEMORY_MB, String.valueOf(size.memoryMb()));
                details.putIfAbsent(SpendShape.TIMEOUT_SECONDS, String.valueOf(size.timeoutSeconds()));
            });
        }
        if (SpendShape.instanceTypes(record).isEmpty()) {
            templateType(record).ifPresent(type -> details.put(SpendShape.INSTANCE_TYPE, type));
        }
        return details.equals(record.details()) ? record : new Provenance(record.eventId(), record.eventName(),
                record.time(), record.region(), record.accountId(), record.resourceType(), record.resourceId(),
                record.accessKeyId(), record.principalArn(), record.principalType(), details);
    }

    // "A launch template is only recorded: what is launched from it is judged by its shape": the type its latest
    // recorded version names, when one of its records says (a template made before the stack is judged by region).
    private Optional<String> templateType(Provenance record) {
        return Stream.of("launchTemplateId", "launchTemplateName", "launchConfigurationName",
                        dev.tourniquet.signal.SageMakerResource.ENDPOINT_CONFIG_ARN)
                .map(record::detail).flatMap(Optional::stream)
                .map(provenance::latest).flatMap(Optional::stream)
                .filter(p -> LaunchSource.LAUNCH_TEMPLATE.equals(p.resourceType())
                        || LaunchSource.LAUNCH_CONFIGURATION.equals(p.resourceType())
                        // A SageMaker endpoint runs the instance types its endpoint configuration names.
                        || dev.tourniquet.signal.SageMakerResource.ENDPOINT_CONFIG.equals(p.resourceType()))
                .map(p -> p.detail(SpendShape.INSTANCE_TYPE)).flatMap(Optional::stream).findFirst();
    }

    private void announce(Provenance record, FootprintBreach breach) {
        String incident = FootprintBreachEvent.incidentId(record.resourceId());
        LOG.warn("outside the footprint").with("incident_id", incident).with("resource_arn", record.resourceId())
                .with("principal_arn", record.principalArn()).with("rule", breach.rule())
                .with("reason", breach.describe()).log();
        // The resource first: its containment is the one that stops the spend.
        bus.put(ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT, FootprintBreachEvent.detail(record, breach.rule(),
                breach.findingType(), breach.describe()));
        // A call a service made for a person (invokedBy) carries the service's session, not the person's key: the
        // resource is contained and the alert names the person; no key of theirs is known to contain.
        if (record.accessKeyId().isEmpty() || !CONTAINED_CALLERS.contains(record.principalType())
                || record.detail(SpendShape.INVOKED_BY).isPresent()) {
            LOG.info("caller not named").with("incident_id", incident).with("principal_arn", record.principalArn())
                    .with("reason", record.detail(SpendShape.INVOKED_BY).map(s -> "called through " + s)
                            .orElse("no access key, or a caller of type " + record.principalType())).log();
            return;
        }
        bus.put(ChainEvents.CREDENTIAL_COMPROMISED, caller(incident, record, breach));
    }

    // Implicated as the resource's creator: its sweep is bounded by that resource's shape. A role session is revoked
    // as that one session (ChainEventParser), root is alerted only.
    private static ObjectNode caller(String incident, Provenance record, FootprintBreach breach) {
        return Json.object().put("incidentId", incident).put("accessKeyId", record.accessKeyId().orElseThrow())
                .put("principalArn", record.principalArn()).put("principalType", record.principalType())
                .put("resourceArn", record.resourceId()).put("implication", Implication.CREATOR.id())
                .put("flaggedResource", record.resourceId()).put("firstSeen", record.time().toString())
                .put("reason", record.eventName() + " at " + record.time() + " broke the footprint's "
                        + breach.rule() + ": " + breach.describe());
    }
}

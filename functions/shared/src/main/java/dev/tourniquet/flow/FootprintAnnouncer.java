package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.Exemptions;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.playbook.FootprintJudge;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.FootprintBreachEvent;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ServiceCallers;
import dev.tourniquet.signal.SpendShape;
import dev.tourniquet.step.events.ChainEventBus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@link FootprintCheck} of a record found in the CloudTrail history: an AWS service acting for the owner (a
 * service-linked role), an exempt principal and Tourniquet's own roles are never announced; any other caller's record
 * that {@link FootprintJudge} finds outside the footprint is announced as {@link ChainEvents#RESOURCE_OUTSIDE_FOOTPRINT}
 * (its detail {@link FootprintBreachEvent#detail}) and its caller, when it signed with a key, as
 * {@link ChainEvents#CREDENTIAL_COMPROMISED}, implicated as the creator of that resource. Both carry the breach's incident
 * id ({@code footprint/<resourceId>}), so that a record announced again (the brake raised twice, a retried delivery,
 * the live event and the history both) is one incident for the functions that act on it.
 *
 * <p>Calls {@code events:PutEvents} on Tourniquet's bus only.
 */
public final class FootprintAnnouncer implements FootprintCheck {
    private static final StructuredLog LOG = StructuredLog.of(FootprintAnnouncer.class);

    private final FootprintJudge judge;
    private final Exemptions exemptions;
    private final ChainEventBus bus;

    FootprintAnnouncer(FootprintJudge judge, Exemptions exemptions, ChainEventBus bus) {
        this.judge = judge;
        this.exemptions = exemptions;
        this.bus = bus;
    }

    /**
     * The check of a function's configuration. An instance type's vCPU count is not looked up here
     * ({@code MaxInstanceVcpus} judges records only where the function that reads them describes instance types):
     * regions, families and function shapes are judged from the record alone.
     */
    public static FootprintAnnouncer of(Configuration configuration, ChainEventBus bus) {
        return new FootprintAnnouncer(new FootprintJudge(configuration.footprint(), (region, type) -> OptionalInt.empty()),
                new Exemptions(configuration), bus);
    }

    @Override
    public boolean isOn() {
        return judge.isOn();
    }

    @Override
    public Optional<FootprintBreach> check(Provenance record) {
        if (!judge.isOn() || !SpendShape.judged(record)) {
            return Optional.empty();
        }
        Optional<String> spared = spared(record);
        if (spared.isPresent()) {
            LOG.info("footprint not judged").with("resource_arn", record.resourceId())
                    .with("principal_arn", record.principalArn()).with("reason", spared.get()).log();
            return Optional.empty();
        }
        Optional<FootprintBreach> breach = judge.judge(record);
        breach.ifPresent(b -> announce(record, b));
        return breach;
    }

    private Optional<String> spared(Provenance record) {
        if (ServiceCallers.isAwsService(record.principalType(), record.principalArn(), Optional.empty())) {
            return Optional.of("an AWS service acting for the owner");
        }
        return exemptions.forCaller(record.principalArn());
    }

    private void announce(Provenance record, FootprintBreach breach) {
        String incident = FootprintBreachEvent.incidentId(record.resourceId());
        bus.put(ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT, FootprintBreachEvent.detail(record, breach.rule(),
                breach.findingType(), breach.describe()));
        if (record.accessKeyId().isEmpty()) {
            LOG.warn("caller not named").with("incident_id", incident).with("principal_arn", record.principalArn())
                    .with("reason", "the caller signed with no access key").log();
            return;
        }
        ObjectNode caller = Json.object().put("incidentId", incident).put("accessKeyId", record.accessKeyId().get())
                .put("principalArn", record.principalArn()).put("principalType", record.principalType())
                .put("resourceArn", record.resourceId()).put("attribution", "provenance")
                .put("implication", Implication.CREATOR.id()).put("flaggedResource", record.resourceId())
                .put("firstSeen", record.time().toString())
                .put("reason", record.eventName() + " at " + record.time() + " outside the footprint: "
                        + breach.describe());
        bus.put(ChainEvents.CREDENTIAL_COMPROMISED, caller);
    }
}

package dev.tourniquet.flow;

import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Shares;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The function sweep: when a credential is contained, every Lambda function it created or changed (from
 * Tourniquet's provenance records, in every region they were recorded in) becomes a signal of its own, and
 * so an incident of its own. Records are found by the contained access key, and by the principal ARN for
 * calls CloudTrail recorded without a key. Functions that no longer exist end as "resource gone". What it opened to
 * others inside its window (a function permission, a layer: {@link Shares}) is its own incident too, and a function
 * running a layer it published is quarantined whoever attached the layer.
 *
 * <p>IAM actions: {@code dynamodb:Query}.
 */
public final class FunctionSweeper implements Sweeper {
    public static final String RESOURCE_TYPE = "function";

    private final ProvenanceStore provenance;

    public FunctionSweeper(ProvenanceStore provenance) {
        this.provenance = provenance;
    }

    @Override
    public List<Signal> expand(SweepRequest request) {
        Map<String, Provenance> touched = new LinkedHashMap<>();
        provenance.touchedBy(request.accessKeyId(), RESOURCE_TYPE).forEach(p -> touched.putIfAbsent(p.resourceId(), p));
        request.principalArn().ifPresent(arn -> provenance.touchedBy(arn, RESOURCE_TYPE)
                .forEach(p -> touched.putIfAbsent(p.resourceId(), p)));
        List<Signal> signals = new ArrayList<>();
        for (Provenance record : touched.values()) {
            // Each function is its own incident, of the containment the sweep is for (see SweepRequest).
            // The contained credential's own record is the function's creator here: it is the incident's
            // principal whatever touched the function since (an exempt tag it wrote does not count).
            FunctionArn.parse(record.resourceId()).ifPresent(arn -> signals.add(new CompromisedFunction(
                    request.resourceOrigin(record.accountId(), record.region()), arn.unqualified(), arn.name(),
                    arn.region(), Optional.empty(),
                    record.eventName() + " by contained credential " + request.accessKeyId() + " at "
                            + record.time() + " (incident " + request.incidentId() + ")",
                    Optional.of(new FunctionFacts(Optional.empty(), Map.of(), Optional.of(record))))));
        }
        signals.addAll(shares(request, touched.keySet()));
        return signals;
    }

    // What the credential opened inside its window: each permission and layer its own incident; the functions running
    // one of its layers quarantined too (whoever attached it), with the layer's record as the incident's creator.
    private List<Signal> shares(SweepRequest request, java.util.Set<String> swept) {
        Map<String, Provenance> shares = new LinkedHashMap<>();
        provenance.touchedBy(request.accessKeyId(), Shares.TYPE).forEach(p -> shares.putIfAbsent(p.resourceId(), p));
        request.principalArn().ifPresent(arn -> provenance.touchedBy(arn, Shares.TYPE)
                .forEach(p -> shares.putIfAbsent(p.resourceId(), p)));
        List<Signal> signals = new ArrayList<>();
        java.util.Set<String> running = new java.util.HashSet<>(swept);
        for (Provenance share : shares.values()) {
            if (!Shares.isShare(share, Shares.FUNCTION_KINDS) || !request.inWindow(share.time())) {
                continue;
            }
            signals.add(new SharedResource(request.resourceOrigin(share.accountId(), share.region()), share,
                    share.eventName() + " by contained credential " + request.accessKeyId() + " at " + share.time()
                            + " (incident " + request.incidentId() + ")"));
            if (Shares.LAYER.equals(Shares.kindOf(share.resourceId()).orElse(""))) {
                for (Provenance use : provenance.history(Shares.resourceOf(share.resourceId()))) {
                    String function = use.detail("function").orElse("");
                    if (Shares.LAYER_USE.equals(use.resourceType()) && running.add(function)) {
                        FunctionArn.parse(function).ifPresent(arn -> signals.add(new CompromisedFunction(
                                request.resourceOrigin(use.accountId(), arn.region()), arn.unqualified(), arn.name(),
                                arn.region(), Optional.empty(), "runs layer " + Shares.resourceOf(share.resourceId())
                                        + ", published by contained credential " + request.accessKeyId()
                                        + " (incident " + request.incidentId() + ")",
                                Optional.of(new FunctionFacts(Optional.empty(), Map.of(), Optional.of(share))))));
                    }
                }
            }
        }
        return signals;
    }

}

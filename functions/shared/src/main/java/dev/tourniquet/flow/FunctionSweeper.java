package dev.tourniquet.flow;

import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.Provenance;
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
 * calls CloudTrail recorded without a key. Functions that no longer exist end as "resource gone".
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
        return signals;
    }

}

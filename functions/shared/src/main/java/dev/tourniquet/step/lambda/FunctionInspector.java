package dev.tourniquet.step.lambda;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.cloudtrail.ExemptTagWriters;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/**
 * Reads what the function playbook decides on, and nothing more, because every read here delays the
 * concurrency of 0: the function's role and tags ({@code GetFunction}: the exempt tag; a function that no
 * longer exists ends the incident as gone), its latest creator from Tourniquet's provenance records, and,
 * only when it carries the exempt tag, who wrote that tag ({@link ExemptTagWriters}). A
 * provenance read that fails leaves the creator unknown (the emit step then asks CloudTrail): attribution
 * never holds up containment.
 *
 * <p>IAM actions: {@code lambda:GetFunction}, {@code dynamodb:Query}, {@code cloudtrail:LookupEvents}.
 */
public final class FunctionInspector implements SignalEnricher {
    public static final List<String> PERMISSIONS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("lambda:GetFunction", "dynamodb:Query"),
            ExemptTagWriters.PERMISSIONS.stream()).distinct().toList();
    private static final StructuredLog LOG = StructuredLog.of(FunctionInspector.class);

    private final AwsClients clients;
    private final ProvenanceHistory provenance;
    private final ExemptTagWriters tagWriters;

    public FunctionInspector(AwsClients clients, ProvenanceHistory provenance) {
        this.clients = clients;
        this.provenance = provenance;
        this.tagWriters = new ExemptTagWriters(clients, provenance);
    }

    @Override
    public Signal enrich(Signal signal) {
        if (!(signal instanceof CompromisedFunction function)) {
            return signal;
        }
        FunctionArn arn = FunctionArn.parse(function.functionArn()).orElseThrow();
        GetFunctionResponse current = LambdaClients.lambda(clients, arn.region())
                .getFunction(r -> r.functionName(arn.name()));
        // A swept function comes with its contained creator's record: that one, not the latest, is the incident's.
        Optional<Provenance> creator = function.facts().flatMap(FunctionFacts::creator).or(() -> creator(arn));
        return function.withFacts(new FunctionFacts(Optional.ofNullable(current.configuration().role()),
                current.tags(), creator, tagWriters.ofFunction(current.tags(), arn)));
    }

    private Optional<Provenance> creator(FunctionArn arn) {
        try {
            return provenance.latest(arn.unqualified());
        } catch (RuntimeException e) {
            LOG.warn("provenance unreadable").with("resource_arn", arn.unqualified())
                    .with("reason", dev.tourniquet.internal.Failure.classify(e).message()).log();
            return Optional.empty();
        }
    }
}

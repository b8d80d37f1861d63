package dev.tourniquet.flow;

import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Shares;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * The function sweep: when a credential is contained, every Lambda function it created or changed inside its
 * exposure window (from Tourniquet's provenance records, in every region they were recorded in) becomes a signal of
 * its own, and so an incident of its own; what it touched only before the window is listed, never touched
 * ({@link ExposureWindow}). A credential implicated only as a creator is bounded further by the flagged function's
 * shape and a count ({@link CreatorBound}). Records are found by the contained access key, and by the principal ARN
 * for calls CloudTrail recorded without a key. Functions that no longer exist end as "resource gone". What it opened to
 * others inside its window (a function permission, a layer: {@link Shares}) is its own incident too, and a function
 * running a layer it published is quarantined whoever attached the layer.
 *
 * <p>IAM actions: {@code dynamodb:Query}; {@code lambda:ListFunctions} for a creator's sweep (the shapes, a page of
 * fifty functions per call rather than one call each).
 */
public final class FunctionSweeper implements Sweeper {
    public static final String RESOURCE_TYPE = "function";

    private final ProvenanceStore provenance;
    private final Function<String, LambdaClient> lambda;
    private final int creatorLimit;
    private final Optional<ExposureHold> hold;

    /**
     * @param lambda       the paced Lambda client of a region
     * @param creatorLimit how many functions of the flagged shape a creator's sweep contains at most
     */
    public FunctionSweeper(ProvenanceStore provenance, Function<String, LambdaClient> lambda, int creatorLimit) {
        this(provenance, lambda, creatorLimit, Optional.empty());
    }

    /** A sweeper that also takes the exposure hold of functions ({@link ExposureHold}). */
    public FunctionSweeper(ProvenanceStore provenance, Function<String, LambdaClient> lambda, int creatorLimit,
                           Optional<ExposureHold> hold) {
        this.provenance = provenance;
        this.lambda = lambda;
        this.creatorLimit = creatorLimit;
        this.hold = hold;
    }

    @Override
    public Optional<ExposureHold> exposureHold() {
        return hold;
    }

    @Override
    public Swept expand(SweepRequest request) {
        List<Provenance> records = new ArrayList<>(provenance.touchedBy(request.accessKeyId(), RESOURCE_TYPE));
        request.principalArn().ifPresent(arn -> records.addAll(provenance.touchedBy(arn, RESOURCE_TYPE)));
        ExposureWindow window = ExposureWindow.of(records, request.windowStart());
        if (request.implication() != Implication.CREATOR) {
            List<Signal> acted = new ArrayList<>(signals(request, window.inWindow(), request::resourceOrigin));
            acted.addAll(shares(request, window.inWindow().stream().map(Provenance::resourceId)
                    .collect(java.util.stream.Collectors.toSet())));
            Set<String> swept = new java.util.HashSet<>();
            acted.forEach(s -> swept.add(s.subject()));
            return new Swept(acted, List.of(), provisional(request, swept), window.beforeWindow(), List.of());
        }
        CreatorBound bound = CreatorBound.of(window.inWindow(), request.flaggedResource().map(FunctionSweeper::unqualified),
                shapes(window.inWindow(), request.flaggedResource()), creatorLimit);
        return new Swept(signals(request, bound.contain(), request::resourceOrigin),
                signals(request, bound.hold(), request::heldOrigin), window.beforeWindow(), bound.unlike());
    }

    // Each function is its own incident, of the containment the sweep is for (see SweepRequest). The contained
    // credential's own record is the function's creator here: it is the incident's principal whatever touched the
    // function since (an exempt tag it wrote does not count).
    private static List<Signal> signals(SweepRequest request, List<Provenance> records,
                                        BiFunction<String, String, Origin> origin) {
        List<Signal> signals = new ArrayList<>();
        for (Provenance record : records) {
            FunctionArn.parse(record.resourceId()).ifPresent(arn -> signals.add(new CompromisedFunction(
                    origin.apply(record.accountId(), record.region()), arn.unqualified(), arn.name(),
                    arn.region(), Optional.empty(),
                    record.eventName() + " by contained credential " + request.accessKeyId() + " at "
                            + record.time() + " (incident " + request.incidentId() + ")",
                    Optional.of(new FunctionFacts(Optional.empty(), Map.of(), Optional.of(record))))));
        }
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

    // What appeared in the window with no creator recorded yet (the exposure hold), when this sweeper takes it.
    private List<Signal> provisional(SweepRequest request, Set<String> swept) {
        return hold.map(h -> h.take(request, swept)).orElse(List.of());
    }

    private static String unqualified(String arn) {
        return FunctionArn.parse(arn).map(FunctionArn::unqualified).orElse(arn);
    }

    // The shapes of the swept functions and the flagged one, by resource id, listed region by region.
    private Map<String, ResourceShape> shapes(List<Provenance> records, Optional<String> flagged) {
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(p -> ids.add(p.resourceId()));
        flagged.map(FunctionSweeper::unqualified).ifPresent(ids::add);
        Map<String, Map<String, String>> byRegion = new HashMap<>();
        ids.forEach(id -> FunctionArn.parse(id).ifPresent(arn -> byRegion.computeIfAbsent(arn.region(),
                r -> new HashMap<>()).put(arn.name(), id)));
        Map<String, ResourceShape> shapes = new HashMap<>();
        byRegion.forEach((region, names) -> {
            for (FunctionConfiguration function : lambda.apply(region).listFunctionsPaginator().functions()) {
                String id = names.get(function.functionName());
                if (id != null) {
                    shapes.put(id, new ResourceShape.Function(nonNull(function.codeSha256()),
                            nonNull(function.runtimeAsString()), function.memorySize() == null ? 0 : function.memorySize(),
                            function.timeout() == null ? 0 : function.timeout()));
                }
            }
        });
        return shapes;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}

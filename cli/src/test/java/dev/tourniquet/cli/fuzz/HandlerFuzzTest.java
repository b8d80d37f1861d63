package dev.tourniquet.cli.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.Functions;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.local.ProjectRoot;
import dev.tourniquet.flow.StepCatalog;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.FunctionArn;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

/**
 * Every sample event each function's rules route to it, mutated at random paths ({@link JsonMutator}: fields
 * removed, nulled, retyped, oversized, injected with ARNs, paths and wildcards, moved to another account,
 * region or partition), parsed ({@link Delivery#read}) and planned offline as {@code ./tourniquet plan} does,
 * by the real handler's responder with clients built against an endpoint nothing listens on. For every
 * mutated event: nothing is thrown, the result is classified (rejected with a reason, or a decision), and
 * every step of every plan targets a resource the event itself names ({@link NamedTargets}), never one of
 * Tourniquet's own functions or roles. The seed is fixed so that the build is repeatable: change it to
 * explore further (jqwik prints the sample and the mutations of a failing try, shrunk).
 */
class HandlerFuzzTest {
    static final int TRIES = 10_000;
    private static final String SEED = "20261202";
    private static final Set<String> DECISIONS = Set.of("act", "alert_only", "record_only", "record_provenance",
            "sweep", "review");
    private static final RoutedSamples SAMPLES = RoutedSamples.load(ProjectRoot.locate());
    private static final AwsClients OFFLINE_CLIENTS = new AwsClients(LocalAccount.offline("us-east-1", Mode.ENFORCE));
    private static final OwnStack OFFLINE_OWN = OFFLINE_CLIENTS.configuration().ownStack();
    private static final Functions OFFLINE = new Functions(OFFLINE_CLIENTS);

    @Property(tries = TRIES, seed = SEED)
    void containCredential_mutatedSample_plansOnlyWhatTheEventNames(
            @ForAll("toContainCredential") MutatedEvent event) {
        assertPlannedSafely("ContainCredentialFunction", event);
    }

    @Property(tries = TRIES, seed = SEED)
    void quarantineFunction_mutatedSample_plansOnlyWhatTheEventNames(
            @ForAll("toQuarantineFunction") MutatedEvent event) {
        assertPlannedSafely("QuarantineFunction", event);
    }

    @Property(tries = TRIES, seed = SEED)
    void isolateInstance_mutatedSample_plansOnlyWhatTheEventNames(@ForAll("toIsolateInstance") MutatedEvent event) {
        assertPlannedSafely("IsolateInstanceFunction", event);
    }

    @Provide
    Arbitrary<MutatedEvent> toContainCredential() {
        return mutatedSamples("ContainCredentialFunction");
    }

    @Provide
    Arbitrary<MutatedEvent> toQuarantineFunction() {
        return mutatedSamples("QuarantineFunction");
    }

    @Provide
    Arbitrary<MutatedEvent> toIsolateInstance() {
        return mutatedSamples("IsolateInstanceFunction");
    }

    /** One to three mutations of one of the samples routed to {@code function}; shrinks to fewer and earlier. */
    static Arbitrary<MutatedEvent> mutatedSamples(String function) {
        List<RoutedSamples.Sample> samples = SAMPLES.routedTo(function);
        assertThat(samples).as("samples routed to " + function).isNotEmpty();
        // Uniform: path and value are taken modulo the choices, and jqwik's default bias to small ints would
        // keep choosing the first few fields.
        Arbitrary<Integer> selector = Arbitraries.integers().greaterOrEqual(0)
                .withDistribution(RandomDistribution.uniform());
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Mutation.Kind.class), selector, selector)
                .as(Mutation::new);
        return Combinators.combine(Arbitraries.integers().between(0, samples.size() - 1),
                mutation.list().ofMinSize(1).ofMaxSize(3)).as((index, mutations) -> JsonMutator.mutate(
                        samples.get(index).name(), samples.get(index).event(), mutations));
    }

    // An exception from parse or plan fails the try as it is (a crash); the rest is checked here.
    private static void assertPlannedSafely(String function, MutatedEvent mutated) {
        ObjectNode result = OFFLINE.responder(SAMPLES.handler(function)).planOffline(Delivery.read(mutated.event()));
        if (result.has("error")) {
            assertThat(result.path("error").asText()).as("the reason a rejected event is rejected").isNotBlank();
            Statistics.collect("rejected");
            return;
        }
        List<JsonNode> plans = result.has("plans") ? StreamSupport.stream(result.path("plans").spliterator(), false)
                .toList() : List.of(result);
        NamedTargets named = NamedTargets.of(mutated.event());
        for (JsonNode plan : plans) {
            assertThat(plan.path("decision").asText()).as("an unclassified result: %s", result).isIn(DECISIONS);
            for (JsonNode step : plan.path("steps")) {
                String target = step.path("target").isTextual() ? step.path("target").asText() : null;
                assertThat(named.derivation(target)).as("%s targets %s, which the event does not name",
                        step.path("action").asText(), target).isPresent();
                assertThat(actsOnTourniquetOwn(step.path("action").asText(), target))
                        .as("%s targets Tourniquet's own %s", step.path("action").asText(), target).isFalse();
            }
        }
        Statistics.collect(plans.get(0).path("decision").asText());
    }

    // A role, or for a Lambda step a function, of this stack (exact identity: OwnStack): its own are never acted
    // on. (An access key id, a provenance record or a sweep may be any text: they act on no function.)
    private static boolean actsOnTourniquetOwn(String action, String target) {
        OwnStack own = OFFLINE_OWN;
        boolean onFunction = StepCatalog.known().kind(action)
                .filter(kind -> kind.permissions().stream().anyMatch(p -> p.startsWith("lambda:"))).isPresent();
        return target.startsWith("role/") && own.isOwnRole(own.roleArns().stream()
                        .filter(arn -> arn.endsWith("/" + target.substring("role/".length()))).findFirst().orElse(""))
                || onFunction && own.isOwnFunction(target);
    }
}

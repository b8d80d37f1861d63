package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.records.SweepContinuations;
import dev.tourniquet.records.SweepContinuations.Claim.Kind;
import dev.tourniquet.signal.SweepContinuation;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The claims on a sweep's next hop, on moto's DynamoDB: one chain per sweep, and never a chain ended quietly by a
 * claim whose delivery failed before it put the hop.
 */
class SweepContinuationsIT {
    private static final String CONTAINMENT = "inc-long-sweep";
    private static final SweepContinuation NEXT = new SweepContinuation("chain-1", 1, java.util.Optional.of(
            "isolate-instance"));
    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");

    private Emulator emulator;
    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private SweepContinuations continuations;

    @BeforeEach
    void freshTable() {
        emulator = Emulator.fresh(Mode.ENFORCE, List.of());
        continuations = continuations(List.of());
    }

    @Test
    void aDuplicateDeliveryOfAHop_findsTheNextHopPending_untilItsClaimantHasPutIt_thenSent() {
        SweepContinuations.Claim first = continuations.claim(CONTAINMENT, NEXT);
        assertThat(first.kind()).isEqualTo(Kind.MINE);

        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).as("claimed, not put yet").isEqualTo(Kind.PENDING);

        continuations.sent(CONTAINMENT, NEXT, first.token(), "event-1");
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).as("one chain, not two").isEqualTo(Kind.SENT);
        now.set(START.plusSeconds(3600));
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).as("a sent hop is never taken over")
                .isEqualTo(Kind.SENT);
    }

    @Test
    void aClaimAppliedWithItsAnswerLost_isGivenBack_soThatTheDeliverysRetryPutsTheHop() {
        AtomicBoolean lost = new AtomicBoolean();
        ExecutionInterceptor loseTheAnswer = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest put && "PUT".equals(put.item().get("status").s())
                        && lost.compareAndSet(false, true)) {
                    throw SdkClientException.create("connection reset after the claim was written");
                }
            }
        };
        SweepContinuations losing = continuations(List.of(loseTheAnswer));

        assertThatThrownBy(() -> losing.claim(CONTAINMENT, NEXT)).isInstanceOf(SdkClientException.class);

        assertThat(lost).isTrue();
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).as("the retry of the same delivery")
                .isEqualTo(Kind.MINE);
    }

    @Test
    void aPutThatFailed_isGivenBackByItsOwnClaimOnly() {
        SweepContinuations.Claim first = continuations.claim(CONTAINMENT, NEXT);

        continuations.failed(CONTAINMENT, NEXT, "another-delivery's-token");
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).as("not given back by another")
                .isEqualTo(Kind.PENDING);

        continuations.failed(CONTAINMENT, NEXT, first.token());
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).isEqualTo(Kind.MINE);
    }

    @Test
    void aClaimLeftWithoutItsHop_isPending_thenTakenOverOnceOlderThanTheTakeover_byOneDelivery() {
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).isEqualTo(Kind.MINE);
        // Its delivery died between the claim and the put, and could not give it back.

        now.set(START.plusSeconds(44));
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).as("its claimant may still be putting it")
                .isEqualTo(Kind.PENDING);

        now.set(START.plusSeconds(46));
        SweepContinuations.Claim taker = continuations.claim(CONTAINMENT, NEXT);
        assertThat(taker.kind()).as("Lambda's retry, a minute later").isEqualTo(Kind.MINE);
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).as("the claim is the taker's now")
                .isEqualTo(Kind.PENDING);
        continuations.sent(CONTAINMENT, NEXT, taker.token(), "event-2");
        assertThat(continuations.claim(CONTAINMENT, NEXT).kind()).isEqualTo(Kind.SENT);
    }

    private SweepContinuations continuations(List<ExecutionInterceptor> interceptors) {
        return new SweepContinuations(new AwsClients(emulator.configuration(), interceptors).dynamoDb(),
                emulator.configuration().tableName(), new ReadClock(now::get));
    }
}

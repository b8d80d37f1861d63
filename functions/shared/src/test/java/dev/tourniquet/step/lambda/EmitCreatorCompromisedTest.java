package dev.tourniquet.step.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.playbook.Exemptions;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.cloudtrail.CreatorLookup;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;

/** The run-time decisions of the emit step: who is named, and who never is. */
class EmitCreatorCompromisedTest {
    private static final FunctionArn FUNCTION = FunctionArn.parse(
            "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1").orElseThrow();
    private static final StepContext ENFORCE = new StepContext("inc-1", Mode.ENFORCE, Instant.now(), null);

    private final EventBridgeClient events = mock(EventBridgeClient.class);
    private final CreatorLookup lookup = mock(CreatorLookup.class);
    private final Exemptions exemptions = new Exemptions(Configuration.from(
            dev.tourniquet.Samples.withOwnStack(Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::*:role/ci-deployer"))));

    private static Provenance caller(String principalArn, String type) {
        return new Provenance("e1", "UpdateFunctionCode20150331v2", Instant.parse("2026-11-20T03:11:02Z"),
                "us-west-2", "123456789012", "function", FUNCTION.unqualified(), Optional.of("ASIAEXAMPLEEXAMPLE01"),
                principalArn, type);
    }

    private StepResult run(Optional<Provenance> recorded) {
        return new EmitCreatorCompromised(() -> events, "tourniquet", FUNCTION, recorded, lookup, exemptions::forCaller,
                "CryptoCurrency:Lambda/BitcoinTool.B", Instant.parse("2026-11-20T03:13:10Z")).run(ENFORCE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void run_sessionOfAnExemptRole_namesNoOne() {
        StepResult result = run(Optional.of(caller("arn:aws:sts::123456789012:assumed-role/ci-deployer/build-42",
                "AssumedRole")));

        assertThat(result).isInstanceOf(StepResult.Skipped.class);
        assertThat(result.detail()).contains("exempt");
        verify(events, never()).putEvents(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void run_sessionOfTourniquetsOwnRole_namesNoOne() {
        StepResult result = run(Optional.of(caller(
                "arn:aws:sts::123456789012:assumed-role/tourniquet-quarantine-function/x", "AssumedRole")));

        assertThat(result.detail()).contains("Tourniquet's own roles");
        verify(events, never()).putEvents(any(Consumer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void run_noProvenanceAndNothingInCloudTrail_namesNoOne() {
        when(lookup.latest("us-west-2", "xmrig-worker-1", FUNCTION.unqualified())).thenReturn(Optional.empty());

        StepResult result = run(Optional.empty());

        assertThat(result).isInstanceOf(StepResult.Skipped.class);
        assertThat(result.detail()).contains("unknown");
        verify(events, never()).putEvents(any(Consumer.class));
    }

    @Test
    void run_planMode_asksCloudTrailButEmitsNothing() {
        when(lookup.latest("us-west-2", "xmrig-worker-1", FUNCTION.unqualified()))
                .thenReturn(Optional.of(caller("arn:aws:iam::123456789012:user/deploy-bot", "IAMUser")));

        StepResult result = new EmitCreatorCompromised(() -> events, "tourniquet", FUNCTION, Optional.empty(), lookup,
                exemptions::forCaller, "finding", Instant.EPOCH).run(new StepContext("inc-1", Mode.PLAN, Instant.now(), null));

        assertThat(result).isInstanceOf(StepResult.Planned.class);
        verify(events, never()).putEvents(any(PutEventsRequest.class));
    }
}

package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.flow.Swept;
import dev.tourniquet.flow.WorkloadSweeper;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The workload sweep on moto's DynamoDB reads a credential's provenance once per partition (its key, its principal),
 * not once per workload kind, and still finds exactly the workloads of every kind it touched, and nothing else it
 * touched (a function, an instance).
 */
class WorkloadSweepQueriesIT {
    private static final String ACCOUNT = "123456789012";
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String USER = "arn:aws:iam::" + ACCOUNT + ":user/ci-bot";
    private static final Instant WINDOW = Instant.parse("2026-11-20T02:00:00Z");
    private static final String TASK = "arn:aws:ecs:us-west-2:" + ACCOUNT + ":task/default/0123456789abcdef";
    private static final String QUEUE = "arn:aws:batch:eu-west-1:" + ACCOUNT + ":job-queue/miners";
    private static final String TRAINING = "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":training-job/gpu-burn";
    private static final String PROJECT = "arn:aws:codebuild:us-east-1:" + ACCOUNT + ":project/owners-build";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:xmrig";

    private Emulator emulator;
    private final AtomicInteger queries = new AtomicInteger();
    private WorkloadSweeper sweeper;

    @BeforeEach
    void recordedProvenance() {
        emulator = Emulator.fresh(Mode.ENFORCE, List.of());
        String table = emulator.configuration().tableName();
        ProvenanceStore writer = new ProvenanceStore(emulator.admin().dynamoDb(), table);
        writer.record(record("e1", "RunTask", "2026-11-20T03:00:00Z", "us-west-2", "ecs-task", TASK, Optional.of(KEY),
                Map.of("cluster", "default")));
        writer.record(record("e2", "CreateJobQueue", "2026-11-20T03:01:00Z", "eu-west-1", "batch-job-queue", QUEUE,
                Optional.of(KEY), Map.of()));
        // Called without a key (the console): found by the principal ARN only.
        writer.record(record("e3", "CreateTrainingJob", "2026-11-20T03:02:00Z", "us-east-1",
                "sagemaker-training-job", TRAINING, Optional.empty(), Map.of()));
        // Before the window: listed, never touched.
        writer.record(record("e4", "CreateProject", "2026-10-01T00:00:00Z", "us-east-1", "codebuild-project", PROJECT,
                Optional.of(KEY), Map.of()));
        // Not a workload: the other sweepers' business.
        writer.record(record("e5", "CreateFunction20150331", "2026-11-20T03:03:00Z", "us-east-1", "function", FUNCTION,
                Optional.of(KEY), Map.of()));
        writer.record(record("e6", "RunInstances", "2026-11-20T03:04:00Z", "us-east-1", "instance",
                "i-0123456789abcdef0", Optional.of(KEY), Map.of()));
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest) {
                    queries.incrementAndGet();
                }
            }
        };
        sweeper = new WorkloadSweeper(new ProvenanceStore(
                new AwsClients(emulator.configuration(), List.of(counter)).dynamoDb(), table));
    }

    @Test
    void anExposedKeysSweep_findsEveryKindOfWorkload_inTwoQueries() {
        Swept swept = sweeper.expand(request(Optional.of(USER), Implication.EXPOSED, Optional.empty()));

        assertThat(swept.contain()).extracting(Signal::subject).containsExactlyInAnyOrder(TASK, QUEUE, TRAINING);
        assertThat(swept.beforeWindow()).extracting(Provenance::resourceId).containsExactly(PROJECT);
        assertThat(queries).as("one query for the key, one for the principal").hasValue(2);
    }

    @Test
    void aKeyWithoutPrincipal_isReadInOneQuery() {
        Swept swept = sweeper.expand(request(Optional.empty(), Implication.EXPOSED, Optional.empty()));

        assertThat(swept.contain()).extracting(Signal::subject).containsExactlyInAnyOrder(TASK, QUEUE);
        assertThat(queries).hasValue(1);
    }

    @Test
    void aCreatorsSweep_containsTheFlaggedKindOnly_andReadsTheFlaggedResourceOnceMore() {
        Swept swept = sweeper.expand(request(Optional.of(USER), Implication.CREATOR, Optional.of(TASK)));

        assertThat(swept.contain()).extracting(Signal::subject).containsExactly(TASK);
        assertThat(swept.unlike()).extracting(Provenance::resourceId).containsExactlyInAnyOrder(QUEUE, TRAINING);
        assertThat(queries).as("the key, the principal, the flagged resource's latest record").hasValue(3);
    }

    private static Provenance record(String id, String event, String time, String region, String type,
                                     String resource, Optional<String> key, Map<String, String> details) {
        return new Provenance(id, event, Instant.parse(time), region, ACCOUNT, type, resource, key, USER, "IAMUser",
                details);
    }

    private static SweepRequest request(Optional<String> principal, Implication how, Optional<String> flagged) {
        Origin origin = new Origin("chain-1", ChainEvents.SOURCE, ChainEvents.CREDENTIAL_CONTAINED, Optional.empty(),
                Optional.empty(), 0, "", ACCOUNT, "us-east-1", Instant.parse("2026-11-20T04:00:00Z"), false);
        return new SweepRequest(origin, "inc-key", KEY, principal, WINDOW, how, flagged);
    }
}

package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Footprint;
import dev.tourniquet.signal.BatchResource;
import dev.tourniquet.signal.CodeBuildBuild;
import dev.tourniquet.signal.CodeBuildBuildBatch;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.signal.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadListingsTest {
    private static final String ACCOUNT = "123456789012";
    private static final Instant FROM = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void workload_everyKindOfArn_isRebuilt() {
        assertThat(AppearedWorkloads.workload("arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/web-prod/5f2c"))
                .get().isInstanceOfSatisfying(EcsTask.class, t -> assertThat(t.cluster()).isEqualTo("web-prod"));
        assertThat(AppearedWorkloads.workload("arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/web-prod/api"))
                .get().isInstanceOfSatisfying(EcsService.class, s -> assertThat(s.cluster()).isEqualTo("web-prod"));
        assertThat(AppearedWorkloads.workload("arn:aws:codebuild:us-east-1:" + ACCOUNT + ":build/ci:7d1e"))
                .get().isInstanceOfSatisfying(CodeBuildBuild.class, b -> assertThat(b.id()).isEqualTo("ci:7d1e"));
        assertThat(AppearedWorkloads.workload("arn:aws:codebuild:us-east-1:" + ACCOUNT + ":build-batch/ci:5a7c"))
                .get().isInstanceOfSatisfying(CodeBuildBuildBatch.class, b -> assertThat(b.id()).isEqualTo("ci:5a7c"));
        assertThat(AppearedWorkloads.workload("arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/lab"))
                .get().isEqualTo(new SageMakerResource(SageMakerResource.Kind.NOTEBOOK_INSTANCE,
                        "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":notebook-instance/lab"));
        assertThat(AppearedWorkloads.workload("arn:aws-cn:sagemaker:cn-north-1:" + ACCOUNT + ":training-job/t1"))
                .get().extracting(Workload::type).isEqualTo("sagemaker-training-job");
        assertThat(AppearedWorkloads.workload("arn:aws:batch:us-east-1:" + ACCOUNT + ":compute-environment/gpu"))
                .get().isEqualTo(new BatchResource(BatchResource.Kind.COMPUTE_ENVIRONMENT,
                        "arn:aws:batch:us-east-1:" + ACCOUNT + ":compute-environment/gpu"));
    }

    @Test
    void codeBuild_batchesInProgress_areListedAsBatches_withTheirStartTime() {
        var codeBuild = new dev.tourniquet.step.codebuild.BatchBuildsFake()
                .with("ci:5a7c", software.amazon.awssdk.services.codebuild.model.StatusType.IN_PROGRESS)
                .with("ci:0b2d", software.amazon.awssdk.services.codebuild.model.StatusType.SUCCEEDED);

        List<WorkloadListing.Running> running = new CodeBuildBatchWorkloadListing(region -> codeBuild)
                .running("ap-southeast-1", FROM, false);

        assertThat(running).singleElement().satisfies(r -> {
            assertThat(r.workload()).isEqualTo(new CodeBuildBuildBatch(
                    dev.tourniquet.step.codebuild.BatchBuildsFake.ACCOUNT_ARN + "ci:5a7c"));
            assertThat(r.accountId()).isEqualTo(ACCOUNT);
            assertThat(r.appearedAt()).contains(Instant.parse("2026-11-20T03:24:41Z"));
        });
    }

    @Test
    void workload_notAWorkload_isEmpty() {
        assertThat(AppearedWorkloads.workload("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:f")).isEmpty();
        assertThat(AppearedWorkloads.workload("arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":model/m")).isEmpty();
        assertThat(AppearedWorkloads.workload("i-0123456789abcdef0")).isEmpty();
    }

    @Test
    void list_onlyWhatAppearedInTheSpan_andNeverWhatTheApiDoesNotDate() {
        WorkloadListing listing = (region, since, shapes) -> List.of(
                running("arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/web/new", Optional.of(FROM.plusSeconds(5))),
                running("arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/web/old", Optional.of(FROM.minusSeconds(5))),
                running("arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/web/later", Optional.of(FROM.plusSeconds(120))),
                running("arn:aws:batch:us-east-1:" + ACCOUNT + ":compute-environment/gpu", Optional.empty()));

        List<AppearedResources.Appeared> appeared = new AppearedWorkloads(new WorkloadListings(List.of(listing)))
                .list("us-east-1", FROM, FROM.plusSeconds(60));

        assertThat(appeared).extracting(AppearedResources.Appeared::resourceId)
                .containsExactly("arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/web/new");
    }

    @Test
    void footprint_regionFirst_thenTheInstanceTypesWithoutTheirMlPrefix() {
        WorkloadListing listing = (region, since, shapes) -> List.of(
                new WorkloadListing.Running(workload("notebook-instance/gpu", region), ACCOUNT, Optional.of(FROM),
                        shapes ? List.of("ml.p3.2xlarge") : List.of()),
                new WorkloadListing.Running(workload("notebook-instance/small", region), ACCOUNT, Optional.of(FROM),
                        shapes ? List.of("ml.t3.medium") : List.of()));
        FootprintWorkloads inventory = new FootprintWorkloads(new WorkloadListings(List.of(listing)),
                Footprint.parse("us-east-1", "accelerated", "", ""), (region, type) -> java.util.OptionalInt.empty());

        assertThat(inventory.list("us-east-1")).singleElement().satisfies(o -> {
            assertThat(o.resourceId()).endsWith("notebook-instance/gpu");
            assertThat(o.breach().rule()).isEqualTo("DeniedInstanceFamilies");
            assertThat(o.breach().describe()).as("named as SageMaker names it").contains("ml.p3.2xlarge");
        });
        assertThat(inventory.list("eu-west-1")).hasSize(2).allSatisfy(o -> assertThat(o.breach().rule())
                .isEqualTo("AllowedRegions"));
    }

    @Test
    void running_oneServiceFailing_leavesTheOthersListed_allFailing_failsTheRegion() {
        WorkloadListing failing = (region, since, shapes) -> {
            throw new IllegalStateException("not offered in " + region);
        };
        WorkloadListing ecs = (region, since, shapes) -> List.of(running("arn:aws:ecs:" + region + ":" + ACCOUNT
                + ":task/web/t", Optional.of(FROM)));

        assertThat(new WorkloadListings(List.of(failing, ecs)).running("ap-east-2", FROM, false)).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WorkloadListings(List.of(failing))
                .running("ap-east-2", FROM, false)).hasMessageContaining("not offered");
    }

    private static Workload workload(String resource, String region) {
        return AppearedWorkloads.workload("arn:aws:sagemaker:" + region + ":" + ACCOUNT + ":" + resource).orElseThrow();
    }

    private static WorkloadListing.Running running(String arn, Optional<Instant> at) {
        return new WorkloadListing.Running(AppearedWorkloads.workload(arn).orElseThrow(), ACCOUNT, at, List.of());
    }

    @Test
    void footprint_maxInstanceVcpus_judgesEachTypeBySize_neverAsksForAFamily() {
        java.util.Map<String, Integer> sizes = java.util.Map.of("p3.2xlarge", 8, "g5.48xlarge", 192);
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        WorkloadListing listing = (region, since, shapes) -> List.of(
                new WorkloadListing.Running(workload("notebook-instance/big", region), ACCOUNT, Optional.of(FROM),
                        shapes ? List.of("ml.g5.48xlarge") : List.of()),
                new WorkloadListing.Running(workload("notebook-instance/small", region), ACCOUNT, Optional.of(FROM),
                        shapes ? List.of("ml.p3.2xlarge") : List.of()),
                new WorkloadListing.Running(AppearedWorkloads.workload("arn:aws:batch:" + region + ":" + ACCOUNT
                        + ":compute-environment/families").orElseThrow(), ACCOUNT, Optional.of(FROM),
                        shapes ? List.of("p3", "optimal") : List.of()));
        FootprintWorkloads inventory = new FootprintWorkloads(new WorkloadListings(List.of(listing)),
                Footprint.parse("us-east-1", "", "32", ""), (region, type) -> {
                    asked.add(type);
                    return sizes.containsKey(type) ? java.util.OptionalInt.of(sizes.get(type))
                            : java.util.OptionalInt.empty();
                });

        assertThat(inventory.list("us-east-1")).singleElement().satisfies(o -> {
            assertThat(o.resourceId()).endsWith("notebook-instance/big");
            assertThat(o.breach().rule()).isEqualTo("MaxInstanceVcpus");
            assertThat(o.breach().describe()).contains("ml.g5.48xlarge").contains("192");
        });
        assertThat(asked).containsExactlyInAnyOrder("g5.48xlarge", "p3.2xlarge");
    }
}

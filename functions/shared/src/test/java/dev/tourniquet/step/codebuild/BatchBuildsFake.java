package dev.tourniquet.step.codebuild;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildBatchesRequest;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildBatchesResponse;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildsRequest;
import software.amazon.awssdk.services.codebuild.model.BatchGetBuildsResponse;
import software.amazon.awssdk.services.codebuild.model.BuildBatch;
import software.amazon.awssdk.services.codebuild.model.ListBuildBatchesForProjectRequest;
import software.amazon.awssdk.services.codebuild.model.ListBuildBatchesForProjectResponse;
import software.amazon.awssdk.services.codebuild.model.ListBuildBatchesRequest;
import software.amazon.awssdk.services.codebuild.model.ListBuildBatchesResponse;
import software.amazon.awssdk.services.codebuild.model.ListBuildsForProjectRequest;
import software.amazon.awssdk.services.codebuild.model.ListBuildsForProjectResponse;
import software.amazon.awssdk.services.codebuild.model.ListBuildsRequest;
import software.amazon.awssdk.services.codebuild.model.ListBuildsResponse;
import software.amazon.awssdk.services.codebuild.model.StatusType;
import software.amazon.awssdk.services.codebuild.model.StopBuildBatchRequest;
import software.amazon.awssdk.services.codebuild.model.StopBuildBatchResponse;

/**
 * A region's CodeBuild with batch builds and no plain build: each batch has a status, which {@code StopBuildBatch} sets
 * to {@code STOPPED}; the list calls honour the status filter as CodeBuild documents it. Records the calls made.
 */
public final class BatchBuildsFake implements CodeBuildClient {
    public static final String ACCOUNT_ARN = "arn:aws:codebuild:ap-southeast-1:123456789012:build-batch/";
    public final Map<String, StatusType> batches = new LinkedHashMap<>();
    public final List<String> calls = new ArrayList<>();

    public BatchBuildsFake with(String id, StatusType status) {
        batches.put(id, status);
        return this;
    }

    private BuildBatch batch(String id) {
        return BuildBatch.builder().id(id).arn(ACCOUNT_ARN + id).buildBatchStatus(batches.get(id))
                .currentPhase(batches.get(id) == StatusType.IN_PROGRESS ? "IN_PROGRESS" : "COMPLETE")
                .startTime(Instant.parse("2026-11-20T03:24:41Z")).build();
    }

    private List<String> ids(String project, StatusType status) {
        return batches.entrySet().stream().filter(e -> project == null || e.getKey().startsWith(project + ":"))
                .filter(e -> status == null || e.getValue() == status).map(Map.Entry::getKey).toList();
    }

    @Override
    public BatchGetBuildBatchesResponse batchGetBuildBatches(BatchGetBuildBatchesRequest request) {
        calls.add("BatchGetBuildBatches");
        return BatchGetBuildBatchesResponse.builder().buildBatches(request.ids().stream()
                .filter(batches::containsKey).map(this::batch).toList())
                .buildBatchesNotFound(request.ids().stream().filter(id -> !batches.containsKey(id)).toList()).build();
    }

    @Override
    public StopBuildBatchResponse stopBuildBatch(StopBuildBatchRequest request) {
        calls.add("StopBuildBatch=" + request.id());
        batches.put(request.id(), StatusType.STOPPED);
        return StopBuildBatchResponse.builder().buildBatch(batch(request.id())).build();
    }

    @Override
    public ListBuildBatchesForProjectResponse listBuildBatchesForProject(ListBuildBatchesForProjectRequest request) {
        calls.add("ListBuildBatchesForProject");
        return ListBuildBatchesForProjectResponse.builder().ids(ids(request.projectName(),
                request.filter() == null ? null : request.filter().status())).build();
    }

    @Override
    public ListBuildBatchesResponse listBuildBatches(ListBuildBatchesRequest request) {
        calls.add("ListBuildBatches");
        return ListBuildBatchesResponse.builder().ids(ids(null, request.filter() == null ? null
                : request.filter().status())).build();
    }

    @Override
    public ListBuildsForProjectResponse listBuildsForProject(ListBuildsForProjectRequest request) {
        calls.add("ListBuildsForProject");
        return ListBuildsForProjectResponse.builder().ids(List.of()).build();
    }

    @Override
    public ListBuildsResponse listBuilds(ListBuildsRequest request) {
        calls.add("ListBuilds");
        return ListBuildsResponse.builder().ids(List.of()).build();
    }

    @Override
    public BatchGetBuildsResponse batchGetBuilds(BatchGetBuildsRequest request) {
        calls.add("BatchGetBuilds");
        return BatchGetBuildsResponse.builder().builds(List.of()).build();
    }

    @Override
    public String serviceName() {
        return "codebuild";
    }

    @Override
    public void close() {
    }
}

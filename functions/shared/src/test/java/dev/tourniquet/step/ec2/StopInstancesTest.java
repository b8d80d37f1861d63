package dev.tourniquet.step.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotInstanceRequestsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

/** A sweep's first phase for one region's instances: what is stopped in batches, what is isolated first or left. */
class StopInstancesTest {
    private static final String REGION = "eu-west-1";

    /** One region's EC2: instances as described, the types with instance store, the one-time Spot requests. */
    private static final class Region implements Ec2Client {
        final Map<String, Instance> instances = new LinkedHashMap<>();
        final Set<String> protectedIds = new HashSet<>();
        final Set<String> storeTypes = Set.of("m5d.large");
        final List<List<String>> stopCalls = new ArrayList<>();
        final List<String> unprotected = new ArrayList<>();

        void add(String id, InstanceStateName state, String type, Tag... tags) {
            instances.put(id, Instance.builder().instanceId(id).state(s -> s.name(state)).instanceType(type)
                    .tags(tags).build());
        }

        @Override
        public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
            return DescribeInstancesResponse.builder().reservations(r -> r.instances(request.instanceIds().stream()
                    .map(instances::get).filter(java.util.Objects::nonNull).toList())).build();
        }

        @Override
        public DescribeInstanceTypesResponse describeInstanceTypes(DescribeInstanceTypesRequest request) {
            return DescribeInstanceTypesResponse.builder().instanceTypes(request.instanceTypesAsStrings().stream()
                    .map(type -> InstanceTypeInfo.builder().instanceType(type)
                            .instanceStorageSupported(storeTypes.contains(type)).build()).toList()).build();
        }

        @Override
        public DescribeSpotInstanceRequestsResponse describeSpotInstanceRequests(
                DescribeSpotInstanceRequestsRequest request) {
            return DescribeSpotInstanceRequestsResponse.builder().spotInstanceRequests(request.spotInstanceRequestIds()
                    .stream().map(id -> SpotInstanceRequest.builder().spotInstanceRequestId(id)
                            .type(id.startsWith("sir-once") ? SpotInstanceType.ONE_TIME : SpotInstanceType.PERSISTENT)
                            .build()).toList()).build();
        }

        @Override
        public StopInstancesResponse stopInstances(StopInstancesRequest request) {
            stopCalls.add(request.instanceIds());
            if (request.instanceIds().stream().anyMatch(protectedIds::contains)) {
                throw Ec2Exception.builder().message("OperationNotPermitted: stop protection").statusCode(400).build();
            }
            request.instanceIds().forEach(id -> instances.computeIfPresent(id, (k, i) -> i.toBuilder()
                    .state(s -> s.name(InstanceStateName.STOPPING)).build()));
            return StopInstancesResponse.builder().build();
        }

        @Override
        public DescribeInstanceAttributeResponse describeInstanceAttribute(DescribeInstanceAttributeRequest request) {
            return DescribeInstanceAttributeResponse.builder().disableApiStop(AttributeBooleanValue.builder()
                    .value(protectedIds.contains(request.instanceId())).build()).build();
        }

        @Override
        public ModifyInstanceAttributeResponse modifyInstanceAttribute(ModifyInstanceAttributeRequest request) {
            protectedIds.remove(request.instanceId());
            unprotected.add(request.instanceId());
            return ModifyInstanceAttributeResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "ec2";
        }

        @Override
        public void close() {
        }

        List<StopInstance> steps(String... ids) {
            return java.util.Arrays.stream(ids).map(id -> new StopInstance(this, id, REGION)).toList();
        }
    }

    @Test
    void stop_runningInstances_oneCallForTheBatch_eachWithItsPriorStateFromOneDescribe() {
        Region ec2 = new Region();
        ec2.add("i-1", InstanceStateName.RUNNING, "t3.large");
        ec2.add("i-2", InstanceStateName.RUNNING, "t3.large");
        ec2.add("i-3", InstanceStateName.RUNNING, "c5.xlarge");

        Map<String, StopInstances.Verdict> verdicts = StopInstances.stop(ec2.steps("i-1", "i-2", "i-3"));

        assertThat(ec2.stopCalls).containsExactly(List.of("i-1", "i-2", "i-3"));
        assertThat(verdicts.values()).allSatisfy(v -> {
            StepResult.Applied applied = (StepResult.Applied) ((StopInstances.Verdict.Stopped) v).result();
            assertThat(applied.prior().path("state").asText()).isEqualTo("running");
            assertThat(applied.prior().path("region").asText()).isEqualTo(REGION);
            assertThat(applied.prior().path("disableApiStop").asBoolean()).isFalse();
        });
    }

    @Test
    void stop_moreThanABatch_takesOneCallPerBatch() {
        Region ec2 = new Region();
        String[] ids = IntStream.range(0, StopInstances.BATCH + 3).mapToObj(i -> "i-" + i).toArray(String[]::new);
        for (String id : ids) {
            ec2.add(id, InstanceStateName.RUNNING, "t3.large");
        }

        StopInstances.stop(ec2.steps(ids));

        assertThat(ec2.stopCalls).extracting(List::size).containsExactly(StopInstances.BATCH, 3);
    }

    @Test
    void stop_whatAStopWouldHarmOrCannotDo_isIsolatedFirstOrLeft_andNeverInTheBatch() {
        Region ec2 = new Region();
        ec2.add("i-run", InstanceStateName.RUNNING, "t3.large");
        ec2.add("i-store", InstanceStateName.RUNNING, "m5d.large");
        ec2.add("i-grouped", InstanceStateName.RUNNING, "t3.large",
                Tag.builder().key("aws:autoscaling:groupName").value("workers").build());
        ec2.add("i-stopped", InstanceStateName.STOPPED, "t3.large");
        ec2.add("i-pending", InstanceStateName.PENDING, "t3.large");
        ec2.instances.put("i-once", Instance.builder().instanceId("i-once").state(s -> s.name(InstanceStateName.RUNNING))
                .instanceType("t3.large").instanceLifecycle(InstanceLifecycleType.SPOT)
                .spotInstanceRequestId("sir-once1").build());
        ec2.instances.put("i-persistent", Instance.builder().instanceId("i-persistent")
                .state(s -> s.name(InstanceStateName.RUNNING)).instanceType("t3.large")
                .instanceLifecycle(InstanceLifecycleType.SPOT).spotInstanceRequestId("sir-keep1").build());

        Map<String, StopInstances.Verdict> verdicts = StopInstances.stop(ec2.steps("i-run", "i-store", "i-grouped",
                "i-stopped", "i-pending", "i-once", "i-persistent", "i-gone"));

        assertThat(ec2.stopCalls).containsExactly(List.of("i-run", "i-persistent"));
        assertThat(verdicts.get("i-store")).isInstanceOf(StopInstances.Verdict.IsolateFirst.class);
        assertThat(verdicts.get("i-once")).isInstanceOf(StopInstances.Verdict.IsolateFirst.class);
        assertThat(verdicts.get("i-grouped")).isInstanceOf(StopInstances.Verdict.Later.class);
        assertThat(verdicts.get("i-pending")).isInstanceOf(StopInstances.Verdict.Later.class);
        assertThat(verdicts.get("i-gone")).isInstanceOf(StopInstances.Verdict.Later.class);
        assertThat(((StopInstances.Verdict.Stopped) verdicts.get("i-stopped")).result())
                .isInstanceOf(StepResult.AlreadyApplied.class);
    }

    @Test
    void stop_batchRefusedByStopProtection_stopsOneByOne_turningProtectionOffAndKeepingThePriorStateReadBefore() {
        Region ec2 = new Region();
        ec2.add("i-1", InstanceStateName.RUNNING, "t3.large");
        ec2.add("i-2", InstanceStateName.RUNNING, "t3.large");
        ec2.protectedIds.add("i-2");

        Map<String, StopInstances.Verdict> verdicts = StopInstances.stop(ec2.steps("i-1", "i-2"));

        assertThat(ec2.stopCalls).containsExactly(List.of("i-1", "i-2"), List.of("i-1"), List.of("i-2"));
        assertThat(ec2.unprotected).containsExactly("i-2");
        StepResult.Applied second = (StepResult.Applied) ((StopInstances.Verdict.Stopped) verdicts.get("i-2")).result();
        assertThat(second.prior().path("disableApiStop").asBoolean()).as("restored by a release").isTrue();
        assertThat(second.prior().path("state").asText()).isEqualTo("running");
        assertThat(((StopInstances.Verdict.Stopped) verdicts.get("i-1")).result()).isInstanceOf(StepResult.Applied.class);
    }
}

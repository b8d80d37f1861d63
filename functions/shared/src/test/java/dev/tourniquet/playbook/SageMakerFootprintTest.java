package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Footprint;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.signal.SpendShape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A SageMaker ml. instance type is judged by the footprint as the EC2 type it runs on. */
class SageMakerFootprintTest {
    private static final String JOB = "arn:aws:sagemaker:us-east-1:123456789012:training-job/llm-finetune-7";
    private final List<String> asked = new ArrayList<>();
    private final FootprintJudge.InstanceVcpus vcpus = (region, type) -> {
        asked.add(type);
        return "p4d.24xlarge".equals(type) ? OptionalInt.of(96) : OptionalInt.empty();
    };

    private static Provenance training(String region, String instanceType) {
        return new Provenance("e-1", "CreateTrainingJob", Instant.parse("2026-11-20T03:14:05Z"), region,
                "123456789012", SageMakerResource.Kind.TRAINING_JOB.type(), JOB, Optional.of("AKIAIOSFODNN7EXAMPLE"),
                "arn:aws:iam::123456789012:user/deploy-bot", "IAMUser", Map.of(SpendShape.INSTANCE_TYPE, instanceType));
    }

    @Test
    void judge_mlTypeOfADeniedFamily_isBrokenNamingTheMlType() {
        Optional<FootprintBreach> breach = new FootprintJudge(Footprint.parse("", "p4d", "", ""), vcpus)
                .judge(training("us-east-1", "ml.p4d.24xlarge"));

        assertThat(breach).get().isInstanceOf(FootprintBreach.DeniedInstanceFamily.class);
        assertThat(breach.get().describe()).contains("ml.p4d.24xlarge");
    }

    @Test
    void judge_mlTypeAboveMaxVcpus_asksTheVcpusOfItsEc2Type() {
        Optional<FootprintBreach> breach = new FootprintJudge(Footprint.parse("", "", "32", ""), vcpus)
                .judge(training("us-east-1", "ml.p4d.24xlarge"));

        assertThat(asked).containsExactly("p4d.24xlarge");
        assertThat(breach).get().isInstanceOf(FootprintBreach.AboveInstanceVcpus.class);
    }

    @Test
    void judge_mlTypeOutsideAllowedRegions_isBroken() {
        assertThat(new FootprintJudge(Footprint.parse("us-east-1", "", "", ""), vcpus)
                .judge(training("sa-east-1", "ml.t3.medium"))).get()
                .isInstanceOf(FootprintBreach.OutsideAllowedRegions.class);
    }

    @Test
    void judge_smallMlTypeInsideTheFootprint_isNotBroken() {
        assertThat(new FootprintJudge(Footprint.parse("us-east-1", "p*", "32", ""), vcpus)
                .judge(training("us-east-1", "ml.m5.xlarge"))).isEmpty();
    }

    @Test
    void costExplorerName_amazonSageMaker_isTheSageMakerService() {
        assertThat(dev.tourniquet.signal.SpendService.ofCostExplorerName("Amazon SageMaker"))
                .contains(dev.tourniquet.signal.SpendService.SAGEMAKER);
    }

    @Test
    void ec2InstanceType_mlPrefix_isStripped_otherTypesKept() {
        assertThat(SpendShape.ec2InstanceType("ml.p4d.24xlarge")).isEqualTo("p4d.24xlarge");
        assertThat(SpendShape.ec2InstanceType("g5.xlarge")).isEqualTo("g5.xlarge");
    }
}

package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SpendShape;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who and what the footprint judges, by what a record says alone (no AWS read: {@link FootprintGuard#judgeOffline}). */
class FootprintGuardTest {
    private static final String USER = "arn:aws:iam::123456789012:user/deploy-bot";

    private static FootprintGuard guard(Footprint footprint, List<String> exempt) {
        Configuration configuration = Configuration.defaults("us-east-1").toBuilder().footprint(footprint)
                .exemptPrincipalArns(exempt).build();
        return new FootprintGuard(configuration, null, null, new FootprintShapes(new AwsClients(configuration)));
    }

    private static Provenance launch(String region, String type, String principal, String principalType,
                                     Map<String, String> details) {
        Map<String, String> all = new java.util.HashMap<>(details);
        all.put(SpendShape.INSTANCE_TYPE, type);
        return new Provenance("e-1", "RunInstances", Instant.parse("2026-11-20T03:12:09Z"), region, "123456789012",
                "instance", "i-0123456789abcdef0", Optional.of("AKIAIOSFODNN7EXAMPLE"), principal, principalType, all);
    }

    @Test
    void judgeOffline_launchOutsideAllowedRegions_breaksAllowedRegions() {
        Optional<FootprintBreach> breach = guard(Footprint.parse("us-east-1", "", "", ""), List.of())
                .judgeOffline(launch("sa-east-1", "t3.micro", USER, "IAMUser", Map.of()));

        assertThat(breach).hasValueSatisfying(b -> assertThat(b.findingType()).isEqualTo("Footprint:AllowedRegions"));
    }

    @Test
    void judgeOffline_fleetOfSeveralTypes_isOutsideWhenAnyIs() {
        Optional<FootprintBreach> breach = guard(Footprint.parse("", "accelerated", "", ""), List.of())
                .judgeOffline(launch("us-east-1", "m5.large,g5.xlarge", USER, "IAMUser", Map.of()));

        assertThat(breach).hasValueSatisfying(b -> assertThat(b.describe()).contains("g5.xlarge"));
    }

    @Test
    void judgeOffline_exemptCaller_isNotJudged() {
        assertThat(guard(Footprint.parse("us-east-1", "", "", ""), List.of("arn:aws:iam::*:user/deploy-*"))
                .judgeOffline(launch("sa-east-1", "t3.micro", USER, "IAMUser", Map.of()))).isEmpty();
    }

    @Test
    void judgeOffline_awsServiceActingForTheOwner_isNotJudged() {
        FootprintGuard guard = guard(Footprint.parse("us-east-1", "", "", ""), List.of());

        assertThat(guard.judgeOffline(launch("sa-east-1", "t3.micro",
                "arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForAutoScaling/AutoScaling", "AssumedRole",
                Map.of()))).isEmpty();
    }

    @Test
    void judgeOffline_aServiceCallingWithAPersonsIdentity_isJudged() {
        // A stack deployed with a stolen key: CloudFormation calls with the person's identity (invokedBy).
        assertThat(guard(Footprint.parse("us-east-1", "", "", ""), List.of()).judgeOffline(launch("sa-east-1",
                "t3.micro", USER, "IAMUser", Map.of(SpendShape.INVOKED_BY, "cloudformation.amazonaws.com"))))
                .get().extracting(dev.tourniquet.playbook.FootprintBreach::rule).isEqualTo("AllowedRegions");
    }

    @Test
    void judgeOffline_noFootprint_judgesNothing() {
        assertThat(guard(Footprint.off(), List.of()).judgeOffline(launch("sa-east-1", "p5.48xlarge", USER, "IAMUser",
                Map.of()))).isEmpty();
    }

    @Test
    void judgeOffline_vcpusUnread_areNotJudged() {
        // Without AWS an instance type's size is unknown: MaxInstanceVcpus is judged at run time only.
        assertThat(guard(Footprint.parse("", "", "8", ""), List.of()).judgeOffline(launch("us-east-1", "c5.24xlarge",
                USER, "IAMUser", Map.of()))).isEmpty();
    }
}

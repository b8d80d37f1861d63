package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.RegionEnabled;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegionPlaybookTest {
    private static final String INCIDENT = "inc-0123";

    private static Plan plan(Map<String, String> env, RegionEnabled enabled) {
        return new CredentialPlaybook(new AwsClients(Configuration.from(env))).plan(enabled);
    }

    private static RegionEnabled enabled() {
        return (RegionEnabled) ((ParseResult.Observed) new SignalParser()
                .parse(Samples.load("cloudtrail-account-enable-region.json"))).undone().get(0);
    }

    @Test
    void plan_callerPartOfAnIncident_disablesThatRegionOnly() {
        Plan plan = plan(Map.of(), enabled().withContainment(INCIDENT));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(plan.steps()).extracting(Step::id).containsExactly("disable-region");
        assertThat(plan.steps()).extracting(Step::target).containsExactly("region:af-south-1");
        assertThat(plan.steps().get(0).permissions())
                .containsExactly("account:GetRegionOptStatus", "account:DisableRegion");
        assertThat(plan.rationale()).contains(INCIDENT, "af-south-1", "user/deploy-bot", "./tourniquet forwarders");
    }

    @Test
    void plan_callerPartOfNoIncident_alertsWithTheForwarderCommand() {
        Plan plan = plan(Map.of("RECORDS_REGION", "eu-west-1"), enabled());

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.rationale()).contains("af-south-1", "arn:aws:iam::123456789012:user/deploy-bot",
                "AKIAIOSFODNN7EXAMPLE", "./tourniquet forwarders --home eu-west-1");
    }

    @Test
    void plan_exemptCaller_evenOfAnIncident_alertsOnly() {
        Plan plan = plan(Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::*:user/deploy-bot"),
                enabled().withContainment(INCIDENT));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.rationale()).contains("Exempt", "af-south-1");
    }

    @Test
    void plan_awsServiceForTheOwner_alertsOnly() {
        RegionEnabled byService = new RegionEnabled(enabled().origin(), "af-south-1", "123456789012",
                new ContainmentUndone.Caller("arn:aws:iam::123456789012:role/aws-service-role/"
                        + "organizations.amazonaws.com/AWSServiceRoleForOrganizations", "AssumedRole",
                        Optional.empty(), Optional.empty()), Optional.of(INCIDENT));

        assertThat(plan(Map.of(), byService).decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
    }

    @Test
    void plan_anotherAccountsRegion_isNeverActedOnHere() {
        RegionEnabled member = new RegionEnabled(enabled().origin(), "af-south-1", "210987654321",
                enabled().caller(), Optional.of(INCIDENT));
        Plan plan = new ThisAccountOnly(new CredentialPlaybook(new AwsClients(Configuration.from(Map.of()))),
                Configuration.from(Map.of()).ownStack()).plan(member);

        assertThat(plan.steps()).isEmpty();
    }
}

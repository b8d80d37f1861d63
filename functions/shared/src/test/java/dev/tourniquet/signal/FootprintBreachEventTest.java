package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import org.junit.jupiter.api.Test;

/** A Resource Outside Footprint chain event, read by the containing functions. */
class FootprintBreachEventTest {

    private static ParseResult parse(ObjectNode event) {
        return new SignalParser().parse(event);
    }

    @Test
    void parse_functionBreach_isTheFunctionsSignalOfTheBreachsIncident() {
        ParseResult.OutsideFootprint breach = (ParseResult.OutsideFootprint) parse(
                Samples.load("tourniquet-resource-outside-footprint.json"));

        assertThat(breach.signals()).singleElement().isInstanceOfSatisfying(CompromisedFunction.class, f -> {
            assertThat(f.functionArn()).isEqualTo("arn:aws:lambda:sa-east-1:123456789012:function:image-resize-7");
            assertThat(f.region()).isEqualTo("sa-east-1");
            assertThat(f.reason()).contains("outside AllowedRegions");
            assertThat(f.origin().findingType()).contains("Footprint:AllowedRegions");
            assertThat(f.origin().findingId())
                    .contains("footprint/arn:aws:lambda:sa-east-1:123456789012:function:image-resize-7");
        });
    }

    @Test
    void parse_instanceBreach_isTheInstanceLaunchedByTheRecord() {
        ParseResult.OutsideFootprint breach = (ParseResult.OutsideFootprint) parse(
                Samples.load("tourniquet-resource-outside-footprint-instance.json"));

        assertThat(breach.signals()).singleElement().isInstanceOfSatisfying(CompromisedInstance.class, i -> {
            assertThat(i.instanceId()).isEqualTo("i-0123456789abcdef0");
            assertThat(i.mining()).isTrue();
            assertThat(i.facts().launchedBy()).hasValueSatisfying(p -> assertThat(p.eventName()).isEqualTo("RunInstances"));
            assertThat(i.origin().findingType()).contains("Footprint:DeniedInstanceFamilies");
        });
    }

    @Test
    void parse_spotRequestBreach_leavesItsInstancesToRunTime() {
        ParseResult.OutsideFootprint breach = (ParseResult.OutsideFootprint) parse(
                Samples.load("tourniquet-resource-outside-footprint-spot-request.json"));

        assertThat(breach.signals()).isEmpty();
        assertThat(breach.record().resourceId()).isEqualTo("sir-8kq2v7xe");
        assertThat(breach.reason()).contains("MaxInstanceVcpus");
    }

    @Test
    void parse_breachWithoutKey_isStillContained() {
        ObjectNode event = Samples.load("tourniquet-resource-outside-footprint.json");
        ((ObjectNode) event.path("detail")).remove("accessKeyId");

        assertThat(parse(event)).isInstanceOf(ParseResult.OutsideFootprint.class);
    }

    @Test
    void parse_breachOfAnotherResourcesIncident_isRejected() {
        ObjectNode event = Samples.load("tourniquet-resource-outside-footprint.json");
        ((ObjectNode) event.path("detail")).put("incidentId", "footprint/i-0aaaaaaaaaaaaaaaa");

        assertThat(parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }

    @Test
    void parse_breachOfATemplate_isRejected() {
        ObjectNode event = Samples.load("tourniquet-resource-outside-footprint-instance.json");
        ((ObjectNode) event.path("detail").path("record")).put("resourceType", "launch-template");

        assertThat(parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }
}

package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.List;

/**
 * {@code report.json}: the whole report, for machines (and for checking that the other renderings agree).
 * Amounts are exact (as computed from the list prices); the {@code …Text} fields are as the other reports
 * show them.
 */
final class ReportJson {
    private ReportJson() {}

    static ObjectNode render(SimulationReport report) {
        SimulationResult result = report.result();
        ObjectNode json = Json.object().put("tool", "tourniquet simulate").put("mode", report.mode())
                .put("endpoint", report.endpoint()).put("pushedAt", result.pushedAt().toString())
                .put("played", DurationText.clock(result.played())).put("wallMillis", result.wallMillis());
        Verdict verdict = report.verdict();
        json.putObject("verdict").put("passed", verdict.passed()).put("summary", verdict.summary())
                .put("attackerContained", verdict.attackerContained()).put("attackerTotal", verdict.attackerTotal())
                .put("ownerUntouched", verdict.ownerUntouched()).put("ownerTotal", verdict.ownerTotal())
                .put("identitiesDenied", verdict.identitiesDenied()).put("identitiesTotal", verdict.identitiesTotal())
                .put("stacklessContained", verdict.stacklessStopped()).put("stacklessTotal", verdict.stacklessTotal())
                .put("stoppedInTime", verdict.stoppedInTime()).put("timedTotal", verdict.timedTotal())
                .put("stopTargetSeconds", StopClock.TARGET.toSeconds())
                .put("beyondTheKey", verdict.beyondTheKey());
        verdict.quiet().ifPresent(q -> ((ObjectNode) json.path("verdict")).putObject("quietTheft")
                .put("footprint", q.footprintOn()).put("spendTotal", q.spendTotal())
                .put("outsideFootprintContained", q.outsideContained()).put("outsideFootprintTotal", q.outsideTotal())
                .put("keyState", q.keyState()));
        ObjectNode deployment = json.putObject("deployment").put("home", result.deployment().home())
                .put("text", Deployments.sentence(result));
        result.deployment().forwarderList().forEach(deployment.putArray("forwarders")::add);
        ObjectNode history = json.putObject("history").put("lookupEvents", result.history().lookups());
        result.history().regions().forEach(history.putArray("regions")::add);
        json.put("incidents", result.incidents().size());
        result.incidents().stream().sorted().forEach(json.putArray("incidentIds")::add);
        json.set("attackerResources", attacker(result.attacker(), result.leakedKeyId()));
        ArrayNode owner = json.putArray("ownerResources");
        result.owner().forEach(o -> owner.addObject().put("label", o.label()).put("untouched", o.untouched())
                .<ObjectNode>set("before", o.before()).set("after", o.after()));
        json.set("cost", cost(report.cost()));
        json.set("prices", prices());
        json.set("delays", delays(report.delays()));
        json.set("attack", attack(report.profile()));
        json.set("wouldHaveDone", steps(report.wouldHaveDone()));
        json.set("steps", steps(result.steps()));
        ArrayNode timeline = json.putArray("timeline");
        result.timeline().forEach(e -> timeline.addObject().put("at", DurationText.clock(e.at()))
                .put("atMillis", e.at().toMillis()).put("actor", e.actor().word())
                .put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT)).put("text", e.text())
                .put("realMillis", e.realMillis()));
        report.notes().forEach(json.putArray("notes")::add);
        return json;
    }

    private static ArrayNode attacker(List<AttackerOutcome> outcomes, String leakedKeyId) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (AttackerOutcome o : outcomes) {
            AttackerResource r = o.resource();
            ObjectNode node = array.addObject().put("kind", r.kind().word()).put("id", r.id()).put("region", r.region())
                    .put("label", r.label()).put("createdAt", DurationText.clock(r.createdAt()))
                    .put("contained", o.contained()).put("state", o.state()).put("runs", o.runs())
                    .put("createdBy", r.by()).put("byBackdoor", !r.by().equals(leakedKeyId))
                    .put("stackless", o.stackless());
            o.containedAt().ifPresentOrElse(at -> node.put("containedAt", DurationText.clock(at))
                    .put("containedAtMillis", at.toMillis()), () -> node.putNull("containedAt"));
            o.clockStart().ifPresent(start -> node.put("clockStartsAt", DurationText.clock(start))
                    .put("clockStartsAtMillis", start.toMillis()));
            o.lag().ifPresentOrElse(lag -> node.put("lagMillis", lag.toMillis()).put("lag", DurationText.human(lag)),
                    () -> node.putNull("lagMillis"));
        }
        return array;
    }

    private static ObjectNode cost(CostComparison cost) {
        ObjectNode node = Json.object().put("ownerNoticesAfter", DurationText.clock(cost.ownerNoticesAfter()))
                .put("ownerNoticesAfterHours", cost.ownerNoticesAfter().toMinutes() / 60.0);
        node.set("without", side(cost.without()));
        node.set("with", side(cost.with()));
        node.put("saved", cost.saved()).put("savedText", Money.format(cost.saved()))
                .put("savedPercent", cost.savedPercent());
        return node;
    }

    private static ObjectNode side(List<CostLine> lines) {
        ObjectNode node = Json.object();
        ArrayNode array = node.putArray("lines");
        lines.forEach(l -> array.addObject().put("resource", l.resource()).put("arithmetic", l.arithmetic())
                .put("usd", l.usd()));
        java.math.BigDecimal total = CostComparison.total(lines);
        return node.put("total", total).put("totalText", Money.format(total));
    }

    private static ObjectNode attack(AttackProfile p) {
        ObjectNode node = Json.object().put("instanceType", p.instanceType()).put("reported", p.reported())
                .put("persists", p.persists());
        if (p.persists()) {
            node.put("backdoorUser", p.backdoor().userName()).put("backdoorRole", p.backdoor().roleName())
                    .put("outsideAccount", p.backdoor().outsideAccount());
        }
        node.put("functionMemoryMb", p.functionMemoryMb()).put("executionSeconds", p.executionSeconds())
                .put("runEvery", DurationText.human(p.runEvery())).put("executionsPerRun", p.executionsPerRun())
                .put("attackerIp", p.attackerIp());
        p.functionRegions().forEach(node.putArray("functionRegions")::add);
        p.instanceRegions().forEach(node.putArray("instanceRegions")::add);
        return node;
    }

    private static ObjectNode prices() {
        ObjectNode node = Json.object().put("recorded", ListPrices.RECORDED).put("sources", ListPrices.SOURCES);
        ArrayNode table = node.putArray("table");
        ListPrices.table().forEach(p -> table.addObject().put("item", p.item()).put("regions", p.regions())
                .put("usd", p.usd()).put("unit", p.unit()));
        return node;
    }

    private static ArrayNode delays(Delays delays) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Delay delay : Delay.values()) {
            array.addObject().put("option", delay.option()).put("value", DurationText.human(delays.get(delay)))
                    .put("millis", delays.get(delay).toMillis()).put("source", delay.source());
        }
        return array;
    }

    private static ArrayNode steps(List<DeliveryLog.StepTaken> steps) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        steps.forEach(s -> array.addObject().put("incidentId", s.incidentId()).put("function", s.function())
                .put("step", s.step()).put("target", s.target()).put("result", s.result()).put("detail", s.detail()));
        return array;
    }
}

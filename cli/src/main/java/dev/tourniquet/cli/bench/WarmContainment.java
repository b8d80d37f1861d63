package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.function.credential.ContainCredentialHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurement 1: exposed-key events through the credential function's responder in this JVM, after a
 * warm-up. Per event: the handler's time, and the time spent inside AWS calls as the SDK interceptor
 * {@link OperationRecorder} sees them (from before marshalling to after unmarshalling). Every call counts:
 * the containment calls and the records, evidence, alert and chain-event calls after them.
 */
final class WarmContainment {
    static final String NAME = "warm containment";
    static final double RATIO_TARGET = 1.2;

    private final BenchAccount account;

    WarmContainment(BenchAccount account) {
        this.account = account;
    }

    Measurement run(int events, int warmUp) {
        OperationRecorder recorder = new OperationRecorder();
        FunctionFlow responder = ContainCredentialHandler.responder(
                new AwsClients(account.configuration(), List.of(recorder)));
        List<BenchAccount.ExposedKey> keys = new ArrayList<>();
        for (int i = 0; i < warmUp + events; i++) {
            keys.add(account.exposedKey());
        }
        keys.subList(0, warmUp).forEach(key -> responder.handle(Delivery.read(key.event())));
        List<Double> handlerMillis = new ArrayList<>();
        List<Double> awsMillis = new ArrayList<>();
        int calls = 0;
        int notDone = 0;
        for (BenchAccount.ExposedKey key : keys.subList(warmUp, keys.size())) {
            recorder.clear();
            long start = System.nanoTime();
            JsonNode response = responder.handle(Delivery.read(key.event()));
            handlerMillis.add((System.nanoTime() - start) / 1e6);
            awsMillis.add(recorder.totalNanos() / 1e6);
            calls += recorder.calls().size();
            notDone += "done".equals(response.path("status").asText()) ? 0 : 1;
        }
        long leftActive = keys.stream().filter(key -> !account.inactive(key)).count();
        double ratio = Statistics.ratio(Statistics.sum(handlerMillis), Statistics.sum(awsMillis));
        List<Metric> metrics = List.of(
                Metric.of("handler p50", Statistics.percentile(handlerMillis, 50), "ms"),
                Metric.of("handler p99", Statistics.percentile(handlerMillis, 99), "ms"),
                Metric.of("inside AWS calls p50", Statistics.percentile(awsMillis, 50), "ms"),
                Metric.of("AWS calls per event", (double) calls / events, ""),
                Metric.atMost("handler ÷ AWS-call time", ratio, "x", RATIO_TARGET),
                Metric.atMost("keys left active", leftActive + notDone, "", 0));
        ObjectNode details = Json.object().put("events", events).put("warmUp", warmUp);
        handlerMillis.forEach(details.putArray("handlerMillis")::add);
        awsMillis.forEach(details.putArray("awsCallMillis")::add);
        return Measurement.of(NAME, method(events, warmUp), metrics, details);
    }

    private static String method(int events, int warmUp) {
        return events + " exposed-key events (each a new user and key) through ContainCredentialHandler.responder"
                + " in one JVM after " + warmUp + " warm-up events; handler time = responder.handle wall time;"
                + " AWS-call time = sum of the SDK interceptor's per-call times (every call: containment,"
                + " records, evidence, alert, chain event); ratio = total handler ÷ total AWS-call time.";
    }
}

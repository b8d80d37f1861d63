package dev.tourniquet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records every AWS call and gives it to the function whose delivery made it: a {@link Replayer} runs
 * deliveries one at a time and reports each right after it ran, so the calls recorded since the last
 * report are that delivery's. Needed when one event chains through several functions, each with its own
 * policy to check.
 */
final class PerFunctionRecorder implements ExecutionInterceptor, Consumer<ObjectNode> {
    private final OperationRecorder pending = new OperationRecorder();
    private final List<Attributed> calls = new ArrayList<>();

    /** One call, and the template function (logical id) that made it. */
    record Attributed(String function, OperationRecorder.Call call) {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        pending.beforeExecution(context, attributes);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        pending.afterExecution(context, attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        pending.onExecutionFailure(context, attributes);
    }

    /** A delivery's report: the calls since the previous one are its function's. */
    @Override
    public synchronized void accept(ObjectNode delivery) {
        String function = delivery.path("function").asText("");
        pending.calls().forEach(call -> calls.add(new Attributed(function, call)));
        pending.clear();
    }

    /** The IAM actions every function performed, sorted. */
    synchronized Set<String> actions() {
        Set<String> actions = new TreeSet<>();
        calls.forEach(c -> actions.addAll(c.call().actions()));
        return actions;
    }

    /** The IAM actions one function performed, sorted. */
    synchronized Set<String> actions(String function) {
        Set<String> actions = new TreeSet<>();
        calls.stream().filter(c -> c.function().equals(function)).forEach(c -> actions.addAll(c.call().actions()));
        return actions;
    }

    /** The IAM actions one function performed, in the order it performed them. */
    synchronized List<String> sequence(String function) {
        return calls.stream().filter(c -> c.function().equals(function)).flatMap(c -> c.call().actions().stream())
                .toList();
    }

    /** The regions one function called AWS in. */
    synchronized Set<String> regions(String function) {
        Set<String> regions = new TreeSet<>();
        calls.stream().filter(c -> c.function().equals(function)).forEach(c -> regions.add(c.call().region()));
        return regions;
    }

    synchronized void clear() {
        calls.clear();
        pending.clear();
    }
}

package dev.tourniquet.cli.local;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.flow.FunctionFlow;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real handler code of each function named in the template, built the way its Lambda handler
 * builds it: every handler class has a static {@code responder(AwsClients)} returning its {@link FunctionFlow}.
 */
public final class Functions {
    private final java.util.function.Function<String, AwsClients> clients;
    private final Map<String, FunctionFlow> responders = new ConcurrentHashMap<>();

    /** Every function with the same clients. */
    public Functions(AwsClients clients) {
        this(handler -> clients);
    }

    /** Each function with clients of its own (tests record each function's calls apart), by handler string. */
    public Functions(java.util.function.Function<String, AwsClients> clientsByHandler) {
        this.clients = clientsByHandler;
    }

    /** The responder behind a template handler string ({@code pkg.Class::handleRequest}). */
    public FunctionFlow responder(String handler) {
        return responders.computeIfAbsent(handler, h -> build(h.split("::")[0], clients.apply(h)));
    }

    private static FunctionFlow build(String className, AwsClients clients) {
        try {
            Method factory = Class.forName(className).getMethod("responder", AwsClients.class);
            return (FunctionFlow) factory.invoke(null, clients);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("handler " + className + " has no static responder(AwsClients): " + e, e);
        }
    }
}

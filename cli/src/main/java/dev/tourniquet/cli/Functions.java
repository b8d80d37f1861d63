package dev.tourniquet.cli;

import dev.tourniquet.edge.AwsClients;
import dev.tourniquet.edge.Responder;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real handler code of each function named in the template, built the way its Lambda handler
 * builds it: every handler class has a static {@code responder(AwsClients)}.
 */
public final class Functions {
    private final AwsClients clients;
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();

    public Functions(AwsClients clients) {
        this.clients = clients;
    }

    /** The responder behind a template handler string ({@code pkg.Class::handleRequest}). */
    public Responder responder(String handler) {
        return responders.computeIfAbsent(handler, h -> build(h.split("::")[0]));
    }

    private Responder build(String className) {
        try {
            Method factory = Class.forName(className).getMethod("responder", AwsClients.class);
            return (Responder) factory.invoke(null, clients);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("handler " + className + " has no static responder(AwsClients): " + e, e);
        }
    }
}

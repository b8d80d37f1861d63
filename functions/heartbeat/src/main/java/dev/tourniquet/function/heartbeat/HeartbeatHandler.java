package dev.tourniquet.function.heartbeat;

import dev.tourniquet.flow.EventHandler;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.flow.heartbeat.Heartbeat;
import dev.tourniquet.flow.heartbeat.HeartbeatCalls;
import dev.tourniquet.flow.heartbeat.HeartbeatSettings;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import java.time.Clock;
import java.util.List;

/**
 * Lambda entry point of the heartbeat: its schedule (tag its own rule with the time, report termination
 * protection) and the CloudTrail record of that tag coming back (the metric {@code HeartbeatReturned}).
 */
public final class HeartbeatHandler extends EventHandler {
    private final FunctionFlow flow;

    /** Used by Lambda: configuration from the environment, clients built once. */
    public HeartbeatHandler() {
        this(new AwsClients(Configuration.fromEnvironment()));
    }

    public HeartbeatHandler(AwsClients clients) {
        this.flow = responder(clients);
    }

    /** The heartbeat's flow, for the handler and for local replay. */
    public static FunctionFlow responder(AwsClients clients) {
        HeartbeatSettings settings = HeartbeatSettings.from(System.getenv(), clients.configuration());
        return new Heartbeat(settings, new HeartbeatCalls(clients, settings.region()), Clock.systemUTC());
    }

    @Override
    protected FunctionFlow responder() {
        return flow;
    }

    @Override
    protected List<String> primingEvents() {
        return List.of("/events/scheduled-heartbeat.json", "/events/cloudtrail-events-tag-resource-heartbeat.json");
    }
}

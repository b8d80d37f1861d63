package dev.tourniquet.step.triggers;

import dev.tourniquet.internal.AwsClients;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The clients the trigger cuts use, in the workload's own region. */
public final class TriggerClients {
    private TriggerClients() {}

    public static EventBridgeClient events(AwsClients clients, String region) {
        return clients.client("events", region, EventBridgeClient::builder);
    }

    public static SchedulerClient scheduler(AwsClients clients, String region) {
        return clients.client("scheduler", region, SchedulerClient::builder);
    }

    public static CodePipelineClient codePipeline(AwsClients clients, String region) {
        return clients.client("codepipeline", region, CodePipelineClient::builder);
    }
}

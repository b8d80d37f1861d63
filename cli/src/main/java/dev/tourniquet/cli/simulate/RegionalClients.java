package dev.tourniquet.cli.simulate;

import dev.tourniquet.internal.AwsClients;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The account owner's view of the emulated account: builds the scene and reads its state (never Tourniquet's). */
final class RegionalClients {
    private final AwsClients clients;

    RegionalClients(AwsClients clients) {
        this.clients = clients;
    }

    IamClient iam() {
        return clients.iam();
    }

    LambdaClient lambda(String region) {
        return clients.client("lambda", region, LambdaClient::builder);
    }

    Ec2Client ec2(String region) {
        return clients.client("ec2", region, Ec2Client::builder);
    }

    software.amazon.awssdk.services.ecs.EcsClient ecs(String region) {
        return clients.client("ecs", region, software.amazon.awssdk.services.ecs.EcsClient::builder);
    }

    EventBridgeClient events(String region) {
        return clients.client("events", region, EventBridgeClient::builder);
    }
}

package dev.tourniquet.step.tampering;

import dev.tourniquet.internal.AwsClients;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/** The CloudFormation client of Tourniquet's own stack's region. */
public final class OwnStackClients {
    private OwnStackClients() {}

    public static CloudFormationClient cloudFormation(AwsClients clients, String region) {
        return clients.client("cloudformation", region, CloudFormationClient::builder);
    }
}

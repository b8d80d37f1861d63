package dev.tourniquet.step.rds;

import dev.tourniquet.internal.AwsClients;
import software.amazon.awssdk.services.rds.RdsClient;

/** The RDS client of one region (a snapshot's share is taken back in the snapshot's region). */
public final class RdsClients {
    private RdsClients() {}

    public static RdsClient rds(AwsClients clients, String region) {
        return clients.client("rds", region, RdsClient::builder);
    }
}

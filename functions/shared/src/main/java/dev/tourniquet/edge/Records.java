package dev.tourniquet.edge;

import dev.tourniquet.outcome.AlertPublisher;
import dev.tourniquet.outcome.EvidenceStore;
import dev.tourniquet.outcome.IncidentStore;
import dev.tourniquet.outcome.ProvenanceStore;

/** Tourniquet's records: incidents and provenance, evidence, alerts. */
public record Records(IncidentStore incidents, ProvenanceStore provenance, EvidenceStore evidence,
                      AlertPublisher alerts) {

    public static Records of(AwsClients clients) {
        Configuration c = clients.configuration();
        return new Records(new IncidentStore(clients.dynamoDb(), c.tableName()),
                new ProvenanceStore(clients.dynamoDb(), c.tableName()),
                new EvidenceStore(clients.evidenceS3(), c.bucketName(), c.evidenceRetentionDays()),
                new AlertPublisher(clients.sns(), c.topicArn()));
    }

    /** Every IAM action the records need, granted to every function. */
    public static final java.util.List<String> PERMISSIONS = java.util.List.of("dynamodb:PutItem",
            "dynamodb:GetItem", "dynamodb:UpdateItem", "s3:PutObject", "s3:PutObjectRetention",
            "sns:Publish");
}

package dev.tourniquet.records;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;

/**
 * Tourniquet's records: incidents and provenance, evidence, alerts.
 *
 * <p>Each store's client is built on first use, not when the handler is built: a cold start then builds
 * only the clients the containment calls need before it acts (DynamoDB for the claim, then the
 * containment's own), and the evidence, alert and chain-event clients after the containment is done.
 * With SnapStart, {@link #prime()} builds them all before the snapshot is taken.
 */
public final class Records {
    /** The incident the priming read asks for; no incident id has this form ({@code inc-} + hex). */
    static final String PRIMING_INCIDENT = "priming";
    private static final StructuredLog LOG = StructuredLog.of(Records.class);

    private final AwsClients clients;
    private final Configuration configuration;

    private Records(AwsClients clients) {
        this.clients = clients;
        this.configuration = clients.configuration();
    }

    public static Records of(AwsClients clients) {
        return new Records(clients);
    }

    public IncidentStore incidents() {
        return new IncidentStore(clients.dynamoDb(), configuration.tableName());
    }

    public ProvenanceStore provenance() {
        return new ProvenanceStore(clients.dynamoDb(), configuration.tableName());
    }

    public BaselineStore baselines() {
        return new BaselineStore(clients.dynamoDb(), configuration.tableName());
    }

    public EvidenceStore evidence() {
        return new EvidenceStore(clients::evidenceS3, configuration.bucketName(), configuration.evidenceRetentionDays());
    }

    public ReleaseRecords releases() {
        return new ReleaseRecords(clients.dynamoDb(), configuration.tableName());
    }

    public Holds holds() {
        return new Holds(clients.dynamoDb(), configuration.tableName());
    }

    /** Which continuations of each sweep were put ({@link SweepContinuations}). */
    public SweepContinuations continuations() {
        return new SweepContinuations(clients.dynamoDb(), configuration.tableName(), java.time.Clock.systemUTC());
    }

    /** Tourniquet's own bus, where a sweep that ran out of time puts its continuation. */
    public dev.tourniquet.step.events.ChainEventBus chainEvents() {
        return new dev.tourniquet.step.events.ChainEventBus(clients::eventBridge, configuration.busName());
    }

    /** The exposure holds still under review ({@link ExposureHolds}). */
    public ExposureHolds exposureHolds() {
        return new ExposureHolds(clients.dynamoDb(), configuration.tableName());
    }

    /** What the footprint's inventory remembers between runs ({@link FootprintRecords}). */
    public FootprintRecords footprint() {
        return new FootprintRecords(clients.dynamoDb(), configuration.tableName());
    }

    public AlertPublisher alerts() {
        return new AlertPublisher(clients.sns(), configuration.topicArn());
    }

    /**
     * Builds every client of the records region now (DynamoDB, S3, SNS, EventBridge), then reads one
     * incident that never exists: the request path every call shares (signing, retries, the HTTPS
     * connection and TLS handshake) then runs, and is compiled, before a SnapStart snapshot rather than
     * during the first containment after a restore. A failed read is logged, never thrown: priming must
     * not stop a version from being published.
     */
    public void prime() {
        clients.dynamoDb();
        clients.evidenceS3();
        clients.sns();
        clients.eventBridge();
        try {
            incidents().find(PRIMING_INCIDENT);
        } catch (RuntimeException e) {
            LOG.warn("priming read failed").with("reason", Failure.classify(e).message()).log();
        }
    }

    /** Every IAM action the records need (holds are queried: {@link Holds}), granted to every function. */
    public static final java.util.List<String> PERMISSIONS = java.util.List.of("dynamodb:PutItem",
            "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query", "s3:PutObject", "s3:PutObjectRetention",
            "sns:Publish");
}

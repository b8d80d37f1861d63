package dev.tourniquet.function.tampering;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.flow.BaselineEnricher;

import dev.tourniquet.flow.EventHandler;
import dev.tourniquet.flow.Responder;
import dev.tourniquet.flow.ScheduledBaseline;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.playbook.TamperingPlaybook;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.TamperingEventParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Lambda entry point of the tampering function: CloudTrail records of calls that weaken a trail, a GuardDuty detector
 * or Tourniquet itself (undone, their caller contained, alerted), and the scheduled baseline ({@code Scheduled Event}),
 * which records what an undo restores and undoes what drifted from it unseen.
 */
public final class UndoTamperingHandler extends EventHandler {
    private static final String NAME = "undo-tampering";

    private final Responder responder;
    private final ScheduledBaseline baseline;

    /** Used by Lambda: configuration from the environment, clients built once. */
    public UndoTamperingHandler() {
        this(new AwsClients(Configuration.fromEnvironment()));
    }

    // The responder and the schedule share one set of records and one playbook, built once.
    public UndoTamperingHandler(AwsClients clients) {
        Records records = Records.of(clients);
        TamperingPlaybook playbook = new TamperingPlaybook(clients);
        this.responder = responder(clients, records, playbook);
        this.baseline = baseline(clients, records, playbook);
    }

    /** The tampering function's flow, for the handler and for local replay. */
    public static Responder responder(AwsClients clients) {
        return responder(clients, Records.of(clients), new TamperingPlaybook(clients));
    }

    /** The schedule of the region this function runs in: the baseline, and the undo of what drifted from it. */
    public static ScheduledBaseline baseline(AwsClients clients) {
        return baseline(clients, Records.of(clients), new TamperingPlaybook(clients));
    }

    private static Responder responder(AwsClients clients, Records records, TamperingPlaybook playbook) {
        Configuration configuration = clients.configuration();
        TamperingEventParser parser = new TamperingEventParser(configuration.ownStack(),
                configuration.deployPrincipalArns());
        return Responder.parsingWith(parser::parse, NAME, configuration, records,
                new BaselineEnricher(records::baselines), playbook);
    }

    private static ScheduledBaseline baseline(AwsClients clients, Records records, TamperingPlaybook playbook) {
        return new ScheduledBaseline(NAME, clients, records, new BaselineEnricher(records::baselines), playbook);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] bytes = input.readAllBytes();
        Optional<JsonNode> scheduled = scheduled(bytes);
        if (scheduled.isPresent()) {
            output.write(Json.write(baseline.run(scheduled.get())).getBytes(StandardCharsets.UTF_8));
            return;
        }
        super.handleRequest(new ByteArrayInputStream(bytes), output, context);
    }

    // The baseline schedule's event: source aws.events, detail-type "Scheduled Event".
    private static Optional<JsonNode> scheduled(byte[] bytes) {
        try {
            JsonNode event = Json.MAPPER.readTree(bytes);
            return Optional.ofNullable(event).filter(e -> "aws.events".equals(e.path("source").asText())
                    && "Scheduled Event".equals(e.path("detail-type").asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    protected Responder responder() {
        return responder;
    }

    @Override
    protected List<String> primingEvents() {
        return List.of("/events/cloudtrail-cloudtrail-stop-logging.json",
                "/events/cloudtrail-guardduty-update-detector-disable.json");
    }
}

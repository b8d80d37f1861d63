package dev.tourniquet.function.lambda;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.flow.EventHandler;
import dev.tourniquet.records.Records;
import dev.tourniquet.flow.Responder;
import dev.tourniquet.playbook.FunctionPlaybook;
import dev.tourniquet.flow.ExposureHold;
import dev.tourniquet.flow.FunctionSweeper;
import dev.tourniquet.flow.FootprintInventory;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.step.lambda.FunctionInspector;
import dev.tourniquet.step.lambda.LambdaClients;
import java.util.List;

/**
 * Lambda entry point of the function quarantine: GuardDuty Lambda Protection findings, CloudTrail records
 * of who created or changed a function (provenance), and Tourniquet's "Credential Contained" chain events
 * (the sweep of every function the contained credential touched, and the exposure hold of what appeared in its
 * window unexplained, reviewed every minute while one is open), and the footprint's inventory of functions.
 */
public final class QuarantineFunctionHandler extends EventHandler {
    private static final String NAME = "quarantine-function";

    private final FunctionFlow responder;

    /** Used by Lambda: configuration from the environment, clients built once. */
    public QuarantineFunctionHandler() {
        this(new AwsClients(Configuration.fromEnvironment()));
    }

    public QuarantineFunctionHandler(AwsClients clients) {
        this.responder = responder(clients);
    }

    /** The function quarantine's flow, for the handler and for local replay (the footprint's inventory of functions). */
    public static FunctionFlow responder(AwsClients clients) {
        Records records = Records.of(clients);
        FunctionInspector enricher = new FunctionInspector(clients, records.provenance());
        FunctionPlaybook playbook = new FunctionPlaybook(clients);
        Responder responder = new Responder(NAME, clients.configuration(), records, enricher, playbook,
                new FunctionSweeper(records.provenance(), region -> LambdaClients.lambda(clients, region),
                        clients.configuration().creatorSweepLimit(),
                        java.util.Optional.of(ExposureHold.ofFunctions(clients, records))));
        return FootprintInventory.ofFunctions(NAME, clients, records, enricher, playbook).around(responder);
    }

    @Override
    protected FunctionFlow responder() {
        return responder;
    }

    @Override
    protected List<String> primingEvents() {
        return List.of("/events/guardduty-lambda-bitcoin-tool.json", "/events/cloudtrail-lambda-create-function.json");
    }
}

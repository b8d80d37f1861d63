package dev.tourniquet.function.instance;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.flow.EventHandler;
import dev.tourniquet.records.Records;
import dev.tourniquet.flow.Responder;
import dev.tourniquet.playbook.InstancePlaybook;
import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.step.cloudtrail.ExemptTagWriters;
import dev.tourniquet.step.ec2.InstanceEnricher;
import dev.tourniquet.flow.ExposureHold;
import dev.tourniquet.flow.InstanceSweeper;
import dev.tourniquet.flow.FootprintInventory;
import dev.tourniquet.flow.FunctionFlow;
import java.util.List;

/**
 * Lambda entry point of the instance function: GuardDuty findings on instances, CloudTrail records of
 * launched and started instances (provenance), and Tourniquet's "Credential Contained" chain events (the
 * sweep of every instance that credential launched, and the exposure hold of what appeared in its window
 * unexplained, reviewed every minute while one is open), and the footprint's inventory of instances.
 */
public final class IsolateInstanceHandler extends EventHandler {
    private static final String NAME = "isolate-instance";

    private final FunctionFlow responder;

    /** Used by Lambda: configuration from the environment, clients built once. */
    public IsolateInstanceHandler() {
        this(new AwsClients(Configuration.fromEnvironment()));
    }

    public IsolateInstanceHandler(AwsClients clients) {
        this.responder = responder(clients);
    }

    /** The instance function's flow, for the handler and for local replay. */
    public static FunctionFlow responder(AwsClients clients) {
        Records records = Records.of(clients);
        Ec2Clients ec2 = new Ec2Clients(clients);
        InstanceEnricher enricher = new InstanceEnricher(ec2, clients.iam(), records.provenance(),
                new ExemptTagWriters(clients, records.provenance()));
        InstancePlaybook playbook = new InstancePlaybook(clients, ec2);
        Responder responder = new Responder(NAME, clients.configuration(), records, enricher, playbook,
                new InstanceSweeper(ec2, records.provenance(), clients.configuration().creatorSweepLimit(),
                        java.util.Optional.of(ExposureHold.ofInstances(clients, ec2, records))));
        return FootprintInventory.ofInstances(NAME, clients, ec2, records, enricher, playbook).around(responder);
    }

    @Override
    protected FunctionFlow responder() {
        return responder;
    }

    @Override
    protected List<String> primingEvents() {
        return List.of("/events/guardduty-ec2-bitcoin-tool.json", "/events/cloudtrail-ec2-run-instances.json");
    }
}

package dev.tourniquet.function.credential;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.flow.EventHandler;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.flow.IdentityHold;
import dev.tourniquet.flow.IdentityHoldFlow;
import dev.tourniquet.records.Records;
import dev.tourniquet.flow.Responder;
import dev.tourniquet.flow.PersistenceSweeper;
import dev.tourniquet.playbook.CredentialPlaybook;
import dev.tourniquet.step.cloudtrail.ExemptTagWriters;
import dev.tourniquet.step.iam.IamPrincipalResolver;
import java.util.List;

/**
 * Lambda entry point of the credential function: AWS Health exposed-key events, GuardDuty findings on
 * access keys, Tourniquet's "Credential Compromised" chain events, and its "Credential Contained" chain events and
 * late records of identities and IAM changes (what the contained credential made in IAM, undone).
 */
public final class ContainCredentialHandler extends EventHandler {
    private static final String NAME = "contain-credential";

    private final FunctionFlow responder;

    /** Used by Lambda: configuration from the environment, clients built once. */
    public ContainCredentialHandler() {
        this(new AwsClients(Configuration.fromEnvironment()));
    }

    public ContainCredentialHandler(AwsClients clients) {
        this.responder = responder(clients);
    }

    /** The credential function's flow, for the handler and for local replay. */
    public static FunctionFlow responder(AwsClients clients) {
        Records records = Records.of(clients);
        IamPrincipalResolver enricher = new IamPrincipalResolver(clients.iam(),
                new ExemptTagWriters(clients, records.provenance()));
        CredentialPlaybook playbook = new CredentialPlaybook(clients, records.provenance());
        // The exposure hold of identities: taken by the persistence sweep, reviewed on its schedule.
        IdentityHold hold = IdentityHold.of(clients, records);
        Responder responder = new Responder(NAME, clients.configuration(), records, enricher, playbook,
                new PersistenceSweeper(records.provenance(), records.incidents(), java.util.Optional.of(hold)));
        return new IdentityHoldFlow(NAME, clients, records, enricher, playbook, hold, responder);
    }

    @Override
    protected FunctionFlow responder() {
        return responder;
    }

    @Override
    protected List<String> primingEvents() {
        return List.of("/events/health-risk-credentials-exposed.json",
                "/events/guardduty-accesskey-malicious-ip-caller.json");
    }
}

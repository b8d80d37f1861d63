package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.step.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to do with one thing a contained credential made in IAM ({@link IamPersistence}): the first
 * {@link PersistenceUndo} of {@link #undos} that knows the record plans its undo. What it acts on must be neither
 * exempt ({@code ExemptPrincipalArns}) nor one of Tourniquet's own roles; a record outside the window, or of a kind no
 * undo knows, is recorded and alerted, never acted on. The account is checked by the responder
 * ({@link ThisAccountOnly}).
 */
public final class PersistencePlaybook {
    private final Configuration configuration;
    private final Exemptions exemptions;
    private final List<PersistenceUndo> undos;
    private final AwsClients clients;

    /** Without provenance history: what an undo restores is then judged from IAM alone (plans, tests). */
    public PersistencePlaybook(AwsClients clients) {
        this(clients, resourceId -> Optional.empty());
    }

    /**
     * @param history the provenance records the steps read when they run (a role's trust, a policy's default version
     *                before the incident changed them)
     */
    public PersistencePlaybook(AwsClients clients, ProvenanceHistory history) {
        this.configuration = clients.configuration();
        this.exemptions = new Exemptions(configuration);
        this.undos = undos(clients, history);
        this.clients = clients;
    }

    /**
     * Every undo, in the order they are asked. One line per kind of persistence: a stream adding kinds adds its
     * undo here.
     */
    static List<PersistenceUndo> undos(AwsClients clients, ProvenanceHistory history) {
        return List.of(
                new UserPersistenceUndo(clients),
                new PermissionPersistenceUndo(clients, history));
    }

    public Plan plan(IamPersistence made) {
        Provenance record = made.record();
        PersistenceUndo.Incident incident = incident(made);
        if (!made.windowStart().equals(Instant.EPOCH) && record.time().isBefore(made.windowStart())) {
            return Plan.alertOnly(made, record.eventName() + " of " + record.resourceId() + " at " + record.time()
                    + " is before the exposure window (" + made.windowStart() + "): listed, never touched");
        }
        Optional<String> exempt = exempt(record, incident);
        if (exempt.isPresent()) {
            return Plan.recordOnly(made, "exempt: " + exempt.get());
        }
        if (HeldIdentityStops.applies(made)) {
            return HeldIdentityStops.plan(made, clients, configuration.quarantinePolicyArn());
        }
        for (PersistenceUndo undo : undos) {
            Optional<List<Step>> steps = undo.undo(record, incident);
            if (steps.isPresent()) {
                String why = undo.rationale(record, incident);
                return steps.get().isEmpty() ? Plan.alertOnly(made, why) : Plan.act(made, why, steps.get());
            }
        }
        return Plan.alertOnly(made, record.eventName() + " of " + record.resourceId() + " by contained credential "
                + made.credential() + ": Tourniquet has no undo for it; check it by hand");
    }

    // What the record acts on (its user or role, by the detail that names it) is exempt or Tourniquet's own.
    private Optional<String> exempt(Provenance record, PersistenceUndo.Incident incident) {
        Optional<String> target = record.detail("userName").map(user -> incident.iamArn("user/" + user))
                .or(() -> record.detail("roleName").map(role -> incident.iamArn("role/" + role)))
                .or(() -> record.detail("roleArn"));
        if (target.isEmpty()) {
            return Optional.empty();
        }
        if (exemptions.isOwnRole(target.get())) {
            return Optional.of(target.get() + " is one of Tourniquet's own roles");
        }
        return exemptions.forArn(target.get());
    }

    private PersistenceUndo.Incident incident(IamPersistence made) {
        return new Facts(made, configuration);
    }

    /** The incident as an undo sees it: the signal's facts and the stack's configuration. */
    private record Facts(IamPersistence made, Configuration configuration) implements PersistenceUndo.Incident {
        @Override
        public boolean created(String identity) {
            return made.created().contains(identity);
        }

        @Override
        public boolean denied(String identity) {
            return created(identity) || made.principalArn().flatMap(dev.tourniquet.signal.TagWrites::identityOf)
                    .filter(identity::equals).isPresent();
        }

        @Override
        public Instant windowStart() {
            return made.windowStart();
        }

        @Override
        public boolean irreversibleActions() {
            return configuration.irreversibleActions();
        }

        @Override
        public String containment() {
            return made.containment();
        }

        @Override
        public String credential() {
            return made.credential();
        }

        @Override
        public Implication implication() {
            return made.implication();
        }

        @Override
        public String partition() {
            return made.origin().partition();
        }

        @Override
        public String accountId() {
            return made.record().accountId().isEmpty() ? made.origin().accountId() : made.record().accountId();
        }

        @Override
        public String quarantinePolicyArn() {
            return configuration.quarantinePolicyArn();
        }
    }
}

package dev.tourniquet.flow;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.playbook.Exemptions;
import dev.tourniquet.records.IdentityHolds;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.signal.TagWrites;
import dev.tourniquet.step.iam.CreatedIdentities;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The exposure hold of IAM identities, beside the exposure hold of functions and instances and judged the same way:
 * when a key is contained as exposed, the users and roles created, and the access keys minted on any user, inside its
 * exposure window that no provenance record names yet are held at once — the one reversible stopping change
 * ({@code HeldIdentityStops}), an incident of its own ({@code CONTAINMENT#exposure}, finding type
 * {@link ChainEvents#EXPOSURE_HOLD}) — rather than left working until CloudTrail's record of their creation arrives
 * (minutes: IAM's records reach EventBridge in us-east-1 only, and late). The window is then watched for
 * {@code ExposureHoldWaitMinutes} ({@link IdentityReview}).
 *
 * <p>Never held: Tourniquet's own roles (exact ARN), exempt principals ({@code ExemptPrincipalArns}), service-linked
 * roles, the contained key itself and its own user and that user's keys, or the role of a contained session (today's
 * containment decides about those),
 * an identity any provenance record names, one an incident contains already, one whose hold was decided. Not taken
 * for a creator's bounded sweep, an identity the incident created, a late record's sweep, a sweep with no window, or
 * when {@code ExposureHold} is false.
 *
 * <p>IAM actions: {@link #PERMISSIONS}.
 */
public final class IdentityHold {
    public static final List<String> PERMISSIONS = Stream.concat(CreatedIdentities.PERMISSIONS.stream(),
            IdentityHolds.PERMISSIONS.stream()).toList();

    private final CreatedIdentities identities;
    private final Records records;
    private final IdentityHolds store;
    private final Configuration configuration;
    private final Exemptions exemptions;
    private final Clock clock;

    IdentityHold(CreatedIdentities identities, Records records, IdentityHolds store, Configuration configuration,
                 Clock clock) {
        this.identities = identities;
        this.records = records;
        this.store = store;
        this.configuration = configuration;
        this.exemptions = new Exemptions(configuration);
        this.clock = clock;
    }

    /** The hold of the credential function. */
    public static IdentityHold of(AwsClients clients, Records records) {
        return new IdentityHold(CreatedIdentities.of(clients), records,
                new IdentityHolds(clients.dynamoDb(), clients.configuration().tableName()), clients.configuration(),
                Clock.systemUTC());
    }

    /** The same hold reading time from {@code at} (tests move it instead of waiting). */
    public IdentityHold withClock(Clock at) {
        return new IdentityHold(identities, records, store, configuration, at);
    }

    /** Whether a sweep takes the hold (see the class comment). */
    boolean applies(SweepRequest request) {
        return configuration.exposureHold() && request.implication() == Implication.EXPOSED
                && !request.windowStart().equals(Instant.EPOCH) && !SweepCoordinator.isLate(request)
                && !dev.tourniquet.signal.ChainEvents.SWEEP_CONTINUED.equals(request.origin().detailType())
                && !request.accessKeyId().contains("/");
    }

    /** At the sweep of an exposed key: starts watching its window; the provisional signals of what it holds now. */
    List<Signal> take(SweepRequest request) {
        if (!applies(request)) {
            return List.of();
        }
        Instant now = clock.instant();
        IdentityHolds.Window window = new IdentityHolds.Window(request.incidentId(), request.accessKeyId(),
                request.principalArn(), ExposureHold.holdsFrom(request.windowStart(), now,
                configuration.exposureHoldWait()), now.plus(configuration.exposureHoldWait()),
                request.origin().accountId());
        store.watch(window);
        return catchUp(window, request.origin(), now, true);
    }

    /**
     * The provisional signals of the identities created in the window up to {@code now}, unexplained and not decided
     * before, each recorded as held.
     *
     * @param heldAgain whether one held already is returned too (a sweep delivered again resumes its holds; the
     *                  review wants only what is new)
     */
    List<Signal> catchUp(IdentityHolds.Window window, Origin delivered, Instant now, boolean heldAgain) {
        Instant to = now.isBefore(window.until()) ? now : window.until();
        // The contained credential's own user or role (a role session's): today's containment decides about it.
        Optional<String> own = window.principalArn().flatMap(TagWrites::identityOf);
        List<Signal> held = new ArrayList<>();
        for (CreatedIdentities.Created created : identities.between(window.windowStart(), to)) {
            if (!holdable(created, window, own)) {
                continue;
            }
            IamPersistence signal = signal(window, delivered, created);
            String holdIncident = IncidentIds.of(signal);
            if (store.decision(holdIncident).isPresent()) {
                continue;
            }
            boolean fresh = store.hold(new IdentityHolds.Held(created.resourceId(), created.userName(), holdIncident,
                    window, created.createdAt(), now.plus(configuration.exposureHoldWait())));
            if (fresh || heldAgain) {
                held.add(signal);
            }
        }
        return held;
    }

    // Cheap exclusions first: the provenance and containment reads are one item each.
    private boolean holdable(CreatedIdentities.Created created, IdentityHolds.Window window, Optional<String> own) {
        if (created.isKey() && created.name().equals(window.accessKeyId())
                || own.filter(created.resourceId()::equals).isPresent()
                || created.isKey() && own.filter(id -> created.userName().map(TagWrites::user).filter(id::equals)
                        .isPresent()).isPresent()) {
            return false;
        }
        if (exemptions.isOwnRole(created.arn()) || exemptions.forArn(created.arn()).isPresent()) {
            return false;
        }
        if (records.provenance().latest(created.resourceId()).isPresent()) {
            return false;
        }
        String credential = created.isKey() ? created.name() : created.resourceId();
        return records.incidents().containedBy(credential).isEmpty();
    }

    /** The provisional signal of one held identity: its creation as IAM reports it, its creator unknown. */
    static IamPersistence signal(IdentityHolds.Window window, Origin delivered, CreatedIdentities.Created created) {
        String account = window.accountId().isEmpty() ? delivered.accountId() : window.accountId();
        Origin origin = new Origin(delivered.eventId(), ChainEvents.SOURCE, delivered.detailType(),
                Optional.of(window.containment() + "#exposure"), Optional.of(ChainEvents.EXPOSURE_HOLD), 0, "",
                account, delivered.region(), delivered.time(), false);
        return new IamPersistence(origin, window.containment(), window.accessKeyId(),
                creation(created, account, delivered.region()), Set.of(), window.windowStart(), Implication.EXPOSED,
                window.principalArn());
    }

    /**
     * The creation of an identity as IAM reports it, in the shape of its CloudTrail record's provenance (the caller
     * unknown): what the playbooks read, and what the containment undoes when the wait runs out.
     */
    static Provenance creation(CreatedIdentities.Created created, String accountId, String region) {
        String event = created.isUser() ? "CreateUser" : created.isRole() ? "CreateRole" : "CreateAccessKey";
        Map<String, String> details = created.isRole() ? Map.of("roleName", created.name())
                : Map.of("userName", created.isKey() ? created.userName().orElse("") : created.name());
        return new Provenance("exposure-hold:" + created.resourceId(), event, created.createdAt(), region, accountId,
                TagWrites.IDENTITY, created.resourceId(), Optional.empty(), "", "", details);
    }

    IdentityHolds store() {
        return store;
    }

    Records records() {
        return records;
    }

    Instant now() {
        return clock.instant();
    }
}

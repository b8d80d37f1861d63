package dev.tourniquet.flow;

import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.signal.TagWrites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Instant;

/**
 * The credential function's sweep: what a contained credential made or changed in IAM inside its exposure window
 * (provenance of {@code resourceType} {@value TagWrites#IDENTITY} and {@code iam}), by its key and by the identity
 * behind it, each record an {@link IamPersistence} signal (an incident of its own, of the containment). Each signal
 * carries the identities the incident's principals created inside the window, so that the playbook can tell an
 * attacker's user from the owner's without calling AWS.
 *
 * <p>The identities the credential created and the keys it minted are marked contained by the containment at once
 * (their own {@code Credential Contained} events follow from the playbook), so that a CloudTrail record of what
 * they do, arriving in the meantime, is announced as late rather than missed.
 *
 * <p>IAM actions: {@code dynamodb:Query}, {@code dynamodb:GetItem}, {@code dynamodb:PutItem}.
 */
public final class PersistenceSweeper implements Sweeper {
    /** The provenance types this sweep undoes. */
    public static final List<String> RESOURCE_TYPES = List.of(TagWrites.IDENTITY, "iam");

    private final ProvenanceStore provenance;
    private final IncidentStore incidents;

    private final Optional<IdentityHold> hold;

    public PersistenceSweeper(ProvenanceStore provenance, IncidentStore incidents) {
        this(provenance, incidents, Optional.empty());
    }

    /** A sweep that also takes the exposure hold of identities ({@link IdentityHold}). */
    public PersistenceSweeper(ProvenanceStore provenance, IncidentStore incidents, Optional<IdentityHold> hold) {
        this.provenance = provenance;
        this.incidents = incidents;
        this.hold = hold;
    }

    @Override
    public Swept expand(SweepRequest request) {
        Optional<String> principal = principal(request);
        Map<String, Provenance> made = new LinkedHashMap<>();
        Map<String, Provenance> before = new LinkedHashMap<>();
        Set<String> principals = new LinkedHashSet<>();
        principals.add(request.accessKeyId());
        principal.flatMap(TagWrites::identityOf).ifPresent(principals::add);
        for (String credential : principals) {
            for (String type : RESOURCE_TYPES) {
                provenance.touchedBy(credential, type).forEach(p -> (request.inWindow(p.time()) ? made : before)
                        .putIfAbsent(p.resourceType() + "#" + p.resourceId(), p));
            }
        }
        // What it made before its window is listed for a human, never undone.
        made.keySet().forEach(before::remove);
        Set<String> created = new LinkedHashSet<>();
        made.values().stream().filter(p -> TagWrites.IDENTITY.equals(p.resourceType()))
                .map(Provenance::resourceId).filter(id -> id.startsWith("user/") || id.startsWith("role/"))
                .forEach(created::add);
        markContained(request, made.values());
        List<Signal> signals = new ArrayList<>();
        for (Provenance record : made.values()) {
            signals.add(new IamPersistence(IamPersistence.originOf(request, record), request.incidentId(),
                    request.accessKeyId(), record, created, request.windowStart(), request.implication(),
                    principal));
        }
        // What was created in the window that no record names yet: held (the exposure hold of identities).
        List<Signal> provisional = hold.map(h -> h.take(request)).orElse(List.of());
        return new Swept(signals, List.of(), provisional, List.copyOf(before.values()), List.of());
    }

    /*
     * The identity behind the contained key, whose other keys and sessions are swept too and which counts as denied:
     * as a Credential Contained event names it (its window set: the leaked key's user, quarantined; an identity the
     * incident created). A late record names its caller whoever that is (the owner's user a key was minted on): its
     * caller counts only when that identity is itself contained.
     */
    private Optional<String> principal(SweepRequest request) {
        if (!SweepCoordinator.isLate(request)) {
            return request.principalArn();
        }
        return request.principalArn().filter(arn -> TagWrites.identityOf(arn)
                .flatMap(incidents::containedBy).isPresent());
    }

    private void markContained(SweepRequest request, Iterable<Provenance> made) {
        for (Provenance record : made) {
            String id = record.resourceId();
            boolean identity = TagWrites.IDENTITY.equals(record.resourceType());
            if (identity && (id.startsWith("user/") || id.startsWith("role/") || id.startsWith("key/"))) {
                String credential = id.startsWith("key/") ? id.substring("key/".length()) : id;
                if (incidents.containedBy(credential).isEmpty()) {
                    incidents.markContained(credential, new IncidentStore.Containment(request.incidentId(),
                            request.windowStart(), dev.tourniquet.signal.Implication.INCIDENT_IDENTITY,
                            java.util.Optional.empty()));
                }
            }
        }
    }
}

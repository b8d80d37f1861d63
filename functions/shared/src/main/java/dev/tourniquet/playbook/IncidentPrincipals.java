package dev.tourniquet.playbook;

import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWrites;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The principals of one incident and when its exposure window began: the compromised credential (its access
 * key and its user or role), and the credential that created or changed the compromised resource. Every
 * session of a role counts as the role. An identity one of them created belongs to the incident too
 * ({@link #createdOne}).
 *
 * @param accessKeyIds the incident's access keys
 * @param identities   its users and roles ({@code user/NAME}, {@code role/NAME}), and principal ARNs that name
 *                     neither (root)
 * @param windowStart  the earliest moment the incident is known to have acted: the signal's time, or the
 *                     creation or change of the resource by one of its principals when earlier
 */
record IncidentPrincipals(Set<String> accessKeyIds, Set<String> identities, Instant windowStart) {

    IncidentPrincipals {
        accessKeyIds = Set.copyOf(accessKeyIds);
        identities = Set.copyOf(identities);
    }

    /** An incident whose window began at {@code signalTime}, of {@code principals} (ARNs) and keys. */
    static IncidentPrincipals of(Instant signalTime, Stream<String> principalArns, Stream<String> keys) {
        Set<String> identities = new HashSet<>();
        principalArns.forEach(arn -> identities.add(TagWrites.identityOf(arn).orElse(arn)));
        Set<String> accessKeys = new HashSet<>();
        keys.forEach(accessKeys::add);
        return new IncidentPrincipals(accessKeys, identities, signalTime);
    }

    /** The same incident, with the caller of a record of it (a resource's creator) and its earlier start. */
    IncidentPrincipals with(Optional<Provenance> record) {
        if (record.isEmpty()) {
            return this;
        }
        Provenance caller = record.get();
        Set<String> keys = new HashSet<>(accessKeyIds);
        caller.accessKeyId().ifPresent(keys::add);
        Set<String> ids = new HashSet<>(identities);
        ids.add(TagWrites.identityOf(caller.principalArn()).orElse(caller.principalArn()));
        Instant start = caller.time().isBefore(windowStart) ? caller.time() : windowStart;
        return new IncidentPrincipals(keys, ids, start);
    }

    /** Whether the caller of a record is one of the incident's principals (its key, or its user or role). */
    boolean made(Provenance record) {
        return record.accessKeyId().filter(accessKeyIds::contains).isPresent()
                || identities.contains(TagWrites.identityOf(record.principalArn()).orElse(record.principalArn()));
    }

    /** Whether an identity's creation record shows one of the incident's principals creating it. */
    boolean createdOne(Optional<Provenance> creation) {
        return creation.filter(this::made).isPresent();
    }
}

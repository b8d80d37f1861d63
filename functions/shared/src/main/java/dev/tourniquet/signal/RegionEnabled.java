package dev.tourniquet.signal;

import java.util.Optional;

/**
 * A CloudTrail record of {@code account:EnableRegion}: an opt-in region made usable. A region the owner never uses is
 * where an attacker launches unseen (no forwarder, no GuardDuty there yet), so it is always alerted; it is disabled
 * again only when its caller is part of an incident ({@link #containedBy}), which the flow reads from the records
 * before planning.
 *
 * @param region        the region enabled ({@code requestParameters.regionName})
 * @param targetAccount the account whose region it is: {@code requestParameters.accountId} when an organization's
 *                      management account enabled a member's region, else the caller's own
 * @param caller        who enabled it
 * @param containedBy   the incident that contained the caller's key or identity; empty until read, or when none did
 */
public record RegionEnabled(Origin origin, String region, String targetAccount, ContainmentUndone.Caller caller,
                            Optional<String> containedBy) implements Signal {

    /** The provenance resource type and id prefix of an enabled region ({@code account}, {@code region:NAME}). */
    public static final String RESOURCE_TYPE = "account";

    @Override
    public String subject() {
        return "region:" + region;
    }

    @Override
    public String signalType() {
        return "region_enabled";
    }

    public RegionEnabled withContainment(String incidentId) {
        return new RegionEnabled(origin, region, targetAccount, caller, Optional.of(incidentId));
    }

    /** Whether the region is this account's (a management account enabling a member's region is not). */
    public boolean inOwnAccount() {
        return targetAccount.equals(origin.accountId());
    }
}

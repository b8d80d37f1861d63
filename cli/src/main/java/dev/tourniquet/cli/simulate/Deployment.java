package dev.tourniquet.cli.simulate;

import dev.tourniquet.cli.local.UsageException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where Tourniquet is deployed in the simulated account: one home stack (the functions, the records) and a
 * forwarder stack in each of some other regions, which sends its region's GuardDuty, CloudTrail and Health
 * events to the home stack's bus. A region with neither delivers no event at all: what happens there is only
 * in that region's CloudTrail event history ({@code LookupEvents}). IAM is a global service whose records are
 * delivered in us-east-1 only, so IAM events reach Tourniquet when us-east-1 is covered.
 *
 * @param home       the home stack's region
 * @param forwarders the regions with a forwarder stack
 */
record Deployment(String home, Set<String> forwarders) {
    /** Where a global service's (IAM's) records are delivered. */
    static final String GLOBAL_EVENTS_REGION = "us-east-1";

    Deployment {
        forwarders = Set.copyOf(new LinkedHashSet<>(forwarders));
    }

    /**
     * The owner's deployment: the home stack in us-east-1 and forwarders where the owner works and where the
     * attack's GPU instance and functions run (us-east-2, eu-west-1, us-west-2); no stack in sa-east-1.
     */
    static Deployment standard() {
        return new Deployment("us-east-1", Set.of("us-east-2", "eu-west-1", "us-west-2"));
    }

    /** {@code --forwarder-regions us-east-2,eu-west-1} ({@code none} for a home stack alone). */
    static Deployment withForwarders(String home, String list) {
        Set<String> regions = new LinkedHashSet<>();
        if (!list.isBlank() && !list.trim().equals("none")) {
            for (String region : list.split(",")) {
                String name = region.trim();
                if (!name.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                    throw new UsageException("--forwarder-regions takes region names separated by commas (or none),"
                            + " not '" + name + "'");
                }
                regions.add(name);
            }
        }
        regions.remove(home);
        return new Deployment(home, regions);
    }

    /** Whether Tourniquet receives the events of {@code region} (its home stack or a forwarder is there). */
    boolean covers(String region) {
        return home.equals(region) || forwarders.contains(region);
    }

    /** What the report says of a region. */
    String describe(String region) {
        return home.equals(region) ? "home stack" : forwarders.contains(region) ? "forwarder" : "no Tourniquet stack";
    }

    List<String> forwarderList() {
        return forwarders.stream().sorted().toList();
    }
}

package dev.tourniquet.step;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every step that takes back a share shares (a snapshot's create-volume permission, an image's launch
 * permission, a database snapshot's restore attribute): read who the resource is shared with now, remove only the
 * accounts (and {@code all}) the contained credential's record says it added and that are still there, verify by
 * reading again. Shares the owner made to other accounts stay. Prior state: {@code {region, resource, sharedWith[],
 * removed[]}}; the reversal adds {@code removed} back.
 */
public abstract class ShareRemoval implements Step {
    /** The value that stands for everyone (EC2's group {@code all}, RDS's {@code all}). */
    public static final String EVERYONE = "all";

    protected final String region;
    protected final String resource;
    private final Set<String> added;

    /**
     * @param region   the resource's region
     * @param resource the snapshot, image or database snapshot id
     * @param added    what the record says the credential added: account ids, and {@value #EVERYONE}
     */
    protected ShareRemoval(String region, String resource, Set<String> added) {
        this.region = region;
        this.resource = resource;
        this.added = Set.copyOf(added);
    }

    /** Who the resource is shared with now: account ids, and {@value #EVERYONE} when it is public. */
    protected abstract Set<String> sharedWith();

    /** Removes these (account ids and {@value #EVERYONE}) from the resource's share. */
    protected abstract void remove(Set<String> values);

    /** What the resource is called in messages ("snapshot snap-1"). */
    protected abstract String describe();

    @Override
    public String target() {
        return resource;
    }

    @Override
    public StepResult run(StepContext context) {
        Set<String> before = sharedWith();
        Set<String> removing = new LinkedHashSet<>(before);
        removing.retainAll(added);
        ObjectNode prior = Json.object().put("region", region).put("resource", resource);
        ArrayNode shared = prior.putArray("sharedWith");
        before.forEach(shared::add);
        ArrayNode removed = prior.putArray("removed");
        if (removing.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, describe() + " is no longer shared with what the contained"
                    + " credential added (" + String.join(", ", added) + ")");
        }
        removing.forEach(removed::add);
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop sharing " + describe() + " with " + removing);
        }
        context.changing(prior);
        remove(removing);
        Verification.until(describe() + " no longer shared with " + removing,
                () -> sharedWith().stream().noneMatch(removing::contains));
        List<String> kept = new ArrayList<>(before);
        kept.removeAll(removing);
        return new StepResult.Applied(prior, describe() + " no longer shared with " + removing
                + (kept.isEmpty() ? "" : "; still shared with " + kept + " (not the contained credential's)"));
    }

    /** The values a prior state says were removed (what a reversal adds back). */
    public static Set<String> removed(com.fasterxml.jackson.databind.JsonNode prior) {
        Set<String> values = new LinkedHashSet<>();
        prior.path("removed").forEach(v -> values.add(v.asText()));
        return values;
    }
}

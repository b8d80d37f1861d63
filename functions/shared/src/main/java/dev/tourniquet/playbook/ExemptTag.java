package dev.tourniquet.playbook;

import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWriter;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the exempt tag on a resource counts. Anyone who can tag can write it, the attacker included, so it
 * counts only when the call that wrote it (its CloudTrail record) was made before the incident's exposure
 * window and by no principal of the incident, nor by an identity one of them created. A tag whose writer
 * CloudTrail no longer knows (older than its 90 days) counts: it predates anything CloudTrail shows of the
 * incident. A tag ignored is said, with who wrote it and when, in the plan's rationale and so in the alert.
 */
final class ExemptTag {
    private final String tagKey;

    ExemptTag(String tagKey) {
        this.tagKey = tagKey;
    }

    /** The verdict on a resource's tags. */
    sealed interface Verdict {
        /** No exempt tag. */
        record Absent() implements Verdict {
        }

        /** The tag counts: the resource is exempt, for {@code reason}. */
        record Exempt(String reason) implements Verdict {
        }

        /** The tag is there and does not count, for {@code reason} (said in the alert). */
        record Ignored(String reason) implements Verdict {
        }
    }

    Verdict judge(String resource, Map<String, String> tags, TagWriter writer, IncidentPrincipals incident,
                  Optional<Provenance> created) {
        if (!tags.containsKey(tagKey)) {
            return new Verdict.Absent();
        }
        String tag = resource + " carries the exempt tag " + tagKey;
        return switch (writer) {
            case TagWriter.NotRead notRead -> new Verdict.Exempt(tag + " (who wrote it is checked when it runs)");
            case TagWriter.Unknown unknown -> created.filter(incident::made)
                    .<Verdict>map(c -> new Verdict.Ignored(tag + ", IGNORED: it was created by " + c.principalArn()
                            + " (a principal of this incident) at " + c.time() + ", so no tag on it predates the"
                            + " incident"))
                    .orElseGet(() -> new Verdict.Exempt(tag + "; CloudTrail has no record of who wrote it: written"
                            + " before its 90 days of history, or so recently that its record has not arrived yet"
                            + " (check the resource's tag history if this is unexpected)"));
            case TagWriter.Known known -> known(tag, known, incident);
        };
    }

    private static Verdict known(String tag, TagWriter.Known known, IncidentPrincipals incident) {
        Provenance write = known.write();
        String by = " written by " + write.principalArn() + write.accessKeyId().map(k -> " (" + k + ")").orElse("")
                + " at " + write.time() + " (" + write.eventName() + ")";
        if (incident.made(write)) {
            return new Verdict.Ignored(tag + ", IGNORED:" + by + ", a principal of this incident");
        }
        if (incident.createdOne(known.writerCreated())) {
            return new Verdict.Ignored(tag + ", IGNORED:" + by + ", an identity created by a principal of this"
                    + " incident (" + known.writerCreated().orElseThrow().principalArn() + ")");
        }
        if (!write.time().isBefore(incident.windowStart())) {
            return new Verdict.Ignored(tag + ", IGNORED:" + by + ", not before the incident's exposure window began"
                    + " (" + incident.windowStart() + ")");
        }
        return new Verdict.Exempt(tag + "," + by + ", before the incident");
    }
}

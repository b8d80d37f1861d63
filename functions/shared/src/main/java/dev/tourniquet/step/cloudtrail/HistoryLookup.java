package dev.tourniquet.step.cloudtrail;

import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWrites;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/**
 * Which of CloudTrail's lookup attributes finds a contained credential's calls in its event history, and which
 * records it returns really are that credential's (LookupEvents filters by one attribute only).
 *
 * <ul>
 *   <li>an access key id ({@code AKIA…}, a session's {@code ASIA…}): {@code AccessKeyId}, every call made with it;</li>
 *   <li>an IAM user Tourniquet contains whole ({@code user/NAME}, an identity an incident created):
 *       {@code Username} = NAME, every call of any of its keys and its console sessions; a record is kept only
 *       when its caller really is that user (an assumed-role session may carry the same name);</li>
 *   <li>a role ({@code role/NAME}): not covered. CloudTrail lists a role's calls under the <em>session</em> name,
 *       which the role's name does not tell; its sessions are found by their own keys when a chain event names
 *       them.</li>
 *   <li>a spend-creating call ({@link #eventName}, for the cost and usage brakes): {@code EventName}, every caller's
 *       call of that name.</li>
 * </ul>
 *
 * @param attribute the lookup attribute
 * @param value     its value
 * @param credential the credential as the chain event names it
 */
public record HistoryLookup(LookupAttributeKey attribute, String value, String credential) {
    private static final Pattern ACCESS_KEY = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{12,124}");

    /** How {@code credential} is looked up, or why it cannot be (see {@link #notCovered}). */
    public static Optional<HistoryLookup> of(String credential) {
        String key = credential.startsWith("key/") ? credential.substring(4) : credential;
        if (ACCESS_KEY.matcher(key).matches()) {
            return Optional.of(new HistoryLookup(LookupAttributeKey.ACCESS_KEY_ID, key, credential));
        }
        if (credential.startsWith("user/") && credential.length() > 5) {
            return Optional.of(new HistoryLookup(LookupAttributeKey.USERNAME, credential.substring(5), credential));
        }
        return Optional.empty();
    }

    /** Every call of one name ({@code RunInstances} …), whoever made it: the footprint check of the brakes. */
    public static HistoryLookup eventName(String name) {
        return new HistoryLookup(LookupAttributeKey.EVENT_NAME, name, "event/" + name);
    }

    /** Why a credential {@link #of} finds no lookup for has no history sweep. */
    public static String notCovered(String credential) {
        return credential.startsWith("role/")
                ? "CloudTrail's event history names a role's calls by session name, not by role: " + credential
                + " has no history lookup (its sessions are looked up by their own keys)"
                : "'" + credential + "' is neither an access key id nor user/NAME: no history lookup";
    }

    /** Whether {@code record}, found by this lookup, is a call of the credential looked up. */
    public boolean covers(Provenance record) {
        if (attribute == LookupAttributeKey.EVENT_NAME) {
            return value.equals(record.eventName());
        }
        return attribute == LookupAttributeKey.ACCESS_KEY_ID ? record.accessKeyId().filter(value::equals).isPresent()
                : TagWrites.identityOf(record.principalArn()).filter(credential::equals).isPresent();
    }
}

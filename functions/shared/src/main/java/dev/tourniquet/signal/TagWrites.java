package dev.tourniquet.signal;

/**
 * How tag writes and identity creations are kept as provenance: one record per tag key written on one
 * resource ({@code resourceType} {@value #TAG}), and one per identity created ({@value #IDENTITY}), so that
 * the writer of a resource's exempt tag, and whoever created that writer, are found by one key each.
 *
 * <p>Resources are named as the rest of provenance names them (a function by its unqualified ARN, an
 * instance by its id); IAM users and roles by {@code user/NAME} and {@code role/NAME} (unique in the account,
 * and all CloudTrail's tagging records give); access keys by {@code key/ID}.
 */
public final class TagWrites {
    /** The provenance resource type of a tag write. */
    public static final String TAG = "tag";
    /** The provenance resource type of a created identity. */
    public static final String IDENTITY = "identity";

    private TagWrites() {}

    /** The provenance id of the writes of one tag key on one resource. */
    public static String tagOf(String resource, String tagKey) {
        return "tag:" + tagKey + "@" + resource;
    }

    public static String user(String name) {
        return "user/" + name;
    }

    public static String role(String name) {
        return "role/" + name;
    }

    public static String key(String accessKeyId) {
        return "key/" + accessKeyId;
    }

    /**
     * The identity behind a caller's ARN, as created-identity records name it: {@code user/NAME} for a user,
     * {@code role/NAME} for a role or one of its sessions; empty for anything else (root, a service).
     */
    public static java.util.Optional<String> identityOf(String principalArn) {
        return Principal.userOfArn(principalArn).map(TagWrites::user)
                .or(() -> Principal.roleOfArn(principalArn).or(() -> Principal.roleOfSession(principalArn))
                        .map(TagWrites::role));
    }
}

package dev.tourniquet.cli.simulate;

import java.time.Duration;

/**
 * Something the attack put in the account that Tourniquet must contain.
 *
 * @param kind      what it is
 * @param id        the key id, function ARN, instance id, or the user's or role's ARN
 * @param region    where it is (IAM: global)
 * @param name      a short name for people
 * @param createdAt when it appeared, on the simulated clock
 * @param by        the access key that created it (for the leaked key: its own id)
 */
record AttackerResource(Kind kind, String id, String region, String name, Duration createdAt, String by) {

    enum Kind {
        ACCESS_KEY("access key"), USER("backdoor user"), ROLE("backdoor role"), FUNCTION("function"),
        INSTANCE("instance"), SERVICE("Fargate service");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    String label() {
        return kind.word() + " " + name + ("global".equals(region) ? "" : " (" + region + ")");
    }

    /** An IAM identity the attacker created to stay. */
    boolean identity() {
        return kind == Kind.USER || kind == Kind.ROLE;
    }
}

package dev.tourniquet.cli.simulate;

import java.time.Duration;

/**
 * Something the attack put in the account that Tourniquet must contain.
 *
 * @param kind      what it is
 * @param id        the key id, function ARN or instance id
 * @param region    where it is (IAM: global)
 * @param name      a short name for people
 * @param createdAt when it appeared, on the simulated clock
 */
record AttackerResource(Kind kind, String id, String region, String name, Duration createdAt) {

    enum Kind {
        ACCESS_KEY("access key"), FUNCTION("function"), INSTANCE("instance");

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
}

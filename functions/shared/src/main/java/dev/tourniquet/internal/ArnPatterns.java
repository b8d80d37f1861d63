package dev.tourniquet.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Principal ARN patterns as a parameter gives them: {@code *} matches any run of characters, everything else is
 * literal. A role session ({@code arn:P:sts::A:assumed-role/ROLE/SESSION}) also matches a pattern of its role
 * ({@code arn:P:iam::A:role/ROLE} or {@code arn:P:iam::A:role/*ROLE}, the role's path being unknown in a session ARN).
 */
public final class ArnPatterns {
    private final List<String> patterns;
    private final List<Pattern> compiled;

    public ArnPatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.compiled = this.patterns.stream().map(ArnPatterns::glob).toList();
    }

    /** The pattern a principal (or, for a role session, its role) matches, if any. */
    public Optional<String> match(String principalArn) {
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i).matcher(principalArn).matches() || roleOfSessionMatches(compiled.get(i), principalArn)) {
                return Optional.of(patterns.get(i));
            }
        }
        return Optional.empty();
    }

    // arn:P:sts::A:assumed-role/ROLE/SESSION matches arn:P:iam::A:role/ROLE and arn:P:iam::A:role/PATH/ROLE.
    private static boolean roleOfSessionMatches(Pattern pattern, String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !"sts".equals(parts[2]) || !parts[5].startsWith("assumed-role/")) {
            return false;
        }
        String[] path = parts[5].split("/");
        if (path.length < 2) {
            return false;
        }
        String role = "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + path[1];
        if (pattern.matcher(role).matches()) {
            return true;
        }
        // A pattern naming the role with a path: compare its last part, in the same account and partition.
        String text = pattern.pattern().replace("\\Q", "").replace("\\E", "");
        return text.startsWith("arn:" + parts[1] + ":iam::" + parts[4] + ":role/") && !text.contains(".*")
                && text.endsWith("/" + path[1]);
    }

    /** A pattern as a regular expression: {@code *} matches any run of characters, everything else is literal. */
    public static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}

package dev.tourniquet.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tourniquet's own resources, known by exact identity only: this stack's id (which CloudFormation gives the
 * function, and which names the partition, region and account it runs in), the exact names of its functions
 * and rules in that region, the exact ARNs of its roles and of its other resources (bus, table, bucket,
 * topic, queue, policies), and the CloudFormation-managed {@code aws:cloudformation:stack-id} tag compared
 * with this stack's exact id.
 *
 * <p>Never by a name prefix, an IAM path or a tag a caller can write: an attacker who names a miner
 * {@code tourniquet-anything} or gives its role the path {@code /tourniquet/} must not be mistaken for
 * Tourniquet. Tags under {@code aws:} cannot be written by any caller (IAM and the tagging APIs reserve the
 * prefix), so the stack-id tag is CloudFormation's word; a stack of the same name in another region or
 * account has another id and is not this stack.
 *
 * @param stackId       {@code arn:PARTITION:cloudformation:REGION:ACCOUNT:stack/NAME/ID}
 * @param functionNames the exact names of this stack's functions (in the stack's region)
 * @param ruleNames     this stack's rules, as the part of their ARN after {@code rule/} ({@code NAME} on the
 *                      default bus, {@code BUS/NAME} on another)
 * @param roleArns      the exact ARNs of this stack's roles
 * @param resourceArns  the exact ARNs of its other resources
 */
public record OwnStack(String stackId, Set<String> functionNames, Set<String> ruleNames, Set<String> roleArns,
                       Set<String> resourceArns) {

    /** The tag CloudFormation puts on what it creates; a caller cannot write {@code aws:} tags. */
    public static final String STACK_ID_TAG = "aws:cloudformation:stack-id";

    public OwnStack {
        if (stackArn(stackId).isEmpty()) {
            throw new IllegalArgumentException("not a CloudFormation stack ARN: " + stackId);
        }
        functionNames = Set.copyOf(functionNames);
        ruleNames = Set.copyOf(ruleNames);
        roleArns = Set.copyOf(roleArns);
        resourceArns = Set.copyOf(resourceArns);
    }

    /** A stack with no resources known but its id (tests, and the local tool before it reads the template). */
    public static OwnStack of(String stackId) {
        return new OwnStack(stackId, Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** The stack id local runs use when none is given: the emulator's account in {@code region}. */
    public static String localStackId(String partition, String region, String accountId) {
        return "arn:" + partition + ":cloudformation:" + region + ":" + accountId
                + ":stack/tourniquet/00000000-0000-0000-0000-000000000000";
    }

    public String partition() {
        return part(1);
    }

    public String region() {
        return part(3);
    }

    /** The account Tourniquet runs in: the only account it ever acts in. */
    public String accountId() {
        return part(4);
    }

    public String stackName() {
        return part(5).split("/")[1];
    }

    /** Whether an account id is the one Tourniquet runs in. */
    public boolean isThisAccount(String account) {
        return accountId().equals(account);
    }

    /** Whether the CloudFormation-managed tag names exactly this stack. */
    public boolean isThisStack(Map<String, String> tags) {
        return stackId.equals(tags.get(STACK_ID_TAG));
    }

    /**
     * Whether a role, or a role's session, is one of this stack's roles: same account and the exact role name
     * (role names are unique in an account, case-insensitively; a session ARN carries the name but no path).
     */
    public boolean isOwnRole(String roleOrSessionArn) {
        Optional<String> name = roleName(roleOrSessionArn);
        if (name.isEmpty() || !accountId().equals(part(roleOrSessionArn, 4))) {
            return false;
        }
        String wanted = name.get().toLowerCase(Locale.ROOT);
        return roleArns.stream().map(OwnStack::roleName).flatMap(Optional::stream)
                .anyMatch(own -> own.toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** Whether a function ARN (qualified or not) is one of this stack's functions: its exact ARN. */
    public boolean isOwnFunction(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length >= 7 && "lambda".equals(parts[2]) && "function".equals(parts[5])
                && sameHome(parts) && functionNames.contains(parts[6]);
    }

    /** Whether a function is this stack's: its exact ARN, or CloudFormation's stack-id tag for this stack. */
    public boolean isOwnFunction(String functionArn, Map<String, String> tags) {
        return isOwnFunction(functionArn) || isThisStack(tags);
    }

    /** Whether a rule ARN ({@code …:rule/NAME} or {@code …:rule/BUS/NAME}) is one of this stack's rules. */
    public boolean isOwnRule(String ruleArn) {
        String[] parts = ruleArn.split(":", 6);
        return parts.length == 6 && "events".equals(parts[2]) && sameHome(parts) && parts[5].startsWith("rule/")
                && ruleNames.contains(parts[5].substring("rule/".length()));
    }

    /** Whether an ARN is any of this stack's resources, by exact identity. */
    public boolean isOwn(String arn) {
        return arn.equals(stackId) || resourceArns.contains(arn) || roleArns.contains(arn) || isOwnRole(arn)
                || isOwnFunction(arn) || isOwnRule(arn);
    }

    /** The exact ARN of one of this stack's functions, by name. */
    public String functionArn(String functionName) {
        return "arn:" + partition() + ":lambda:" + region() + ":" + accountId() + ":function:" + functionName;
    }

    /** The exact ARN of one of this stack's rules, by its name after {@code rule/}. */
    public String ruleArn(String ruleName) {
        return "arn:" + partition() + ":events:" + region() + ":" + accountId() + ":rule/" + ruleName;
    }

    /** Reads the environment {@code template.yaml} sets: {@code STACK_ID} and the {@code OWN_*} lists. */
    static OwnStack from(Map<String, String> env, String fallbackStackId) {
        String id = env.getOrDefault("STACK_ID", "");
        return new OwnStack(id.isBlank() ? fallbackStackId : id.trim(), set(env.get("OWN_FUNCTION_NAMES")),
                set(env.get("OWN_RULE_NAMES")), set(env.get("OWN_ROLE_ARNS")), set(env.get("OWN_RESOURCE_ARNS")));
    }

    /** The environment that gives a function exactly this stack. */
    void addTo(Map<String, String> env) {
        env.put("STACK_ID", stackId);
        env.put("OWN_FUNCTION_NAMES", String.join(",", functionNames));
        env.put("OWN_RULE_NAMES", String.join(",", ruleNames));
        env.put("OWN_ROLE_ARNS", String.join(",", roleArns));
        env.put("OWN_RESOURCE_ARNS", String.join(",", resourceArns));
    }

    private boolean sameHome(String[] arnParts) {
        return partition().equals(arnParts[1]) && region().equals(arnParts[3]) && accountId().equals(arnParts[4]);
    }

    private String part(int index) {
        return part(stackId, index);
    }

    private static String part(String arn, int index) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[index] : "";
    }

    private static Optional<String[]> stackArn(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        boolean valid = parts.length == 6 && "arn".equals(parts[0]) && "cloudformation".equals(parts[2])
                && !parts[1].isEmpty() && !parts[3].isEmpty() && parts[4].matches("\\d{12}")
                && parts[5].matches("stack/[^/]+/[^/]+");
        return valid ? Optional.of(parts) : Optional.empty();
    }

    // arn:P:iam::A:role/PATH/NAME → NAME; arn:P:sts::A:assumed-role/NAME/SESSION → NAME.
    private static Optional<String> roleName(String arn) {
        String resource = part(arn, 5);
        if (part(arn, 2).equals("iam") && resource.startsWith("role/")) {
            return Optional.of(resource.substring(resource.lastIndexOf('/') + 1)).filter(n -> !n.isEmpty());
        }
        if (part(arn, 2).equals("sts") && resource.startsWith("assumed-role/")) {
            String[] path = resource.split("/");
            return path.length >= 2 && !path[1].isEmpty() ? Optional.of(path[1]) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Set<String> set(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}

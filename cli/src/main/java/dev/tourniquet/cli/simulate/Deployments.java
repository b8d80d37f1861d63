package dev.tourniquet.cli.simulate;

/** How the reports speak of the deployment: where Tourniquet had a stack, and what that meant for a resource. */
final class Deployments {
    private Deployments() {}

    /** One sentence: the stacks, and how much of CloudTrail's event history the handlers asked. */
    static String sentence(SimulationResult result) {
        Deployment deployment = result.deployment();
        return "Tourniquet's home stack in " + deployment.home() + (deployment.forwarders().isEmpty()
                ? ", no forwarder" : ", forwarders in " + String.join(", ", deployment.forwarderList()))
                + "; handlers asked CloudTrail's event history " + result.history().lookups() + " times"
                + regions(result) + ".";
    }

    // The regions asked: listed when few, else counted with the stackless ones named.
    private static String regions(SimulationResult result) {
        java.util.List<String> asked = result.history().regions();
        if (asked.isEmpty()) {
            return "";
        }
        if (asked.size() <= 4) {
            return " (" + String.join(", ", asked) + ")";
        }
        java.util.List<String> stackless = asked.stream().filter(r -> !result.deployment().covers(r)).toList();
        java.util.List<String> named = result.attacker().stream().filter(AttackerOutcome::stackless)
                .map(o -> o.resource().region()).filter(stackless::contains).distinct().toList();
        return " in " + asked.size() + " regions" + (named.isEmpty() ? "" : ", " + String.join(", ", named)
                + " among them");
    }

    /** What the table adds to a resource's state: made with the backdoor key, launched where no stack is. */
    static String remarks(AttackerOutcome outcome, SimulationResult result) {
        String by = outcome.resource().by().equals(result.leakedKeyId()) ? ""
                : " [made with the backdoor user's key " + outcome.resource().by() + "]";
        String where = outcome.stackless() ? " [no Tourniquet stack in " + outcome.resource().region()
                + ": none of its events was delivered]" : "";
        return by + where;
    }
}

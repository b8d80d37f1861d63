package dev.tourniquet.cli.simulate;

import java.util.List;

/**
 * One run's report, rendered as text, Markdown, HTML and JSON from this same object so that they agree.
 *
 * @param mode     Tourniquet's mode (enforce or plan)
 * @param endpoint the emulator's endpoint
 * @param delays   the delays used
 * @param profile  the attack played
 * @param result   what the run observed
 * @param verdict  contained and untouched
 * @param cost     the attacker's bill with and without Tourniquet
 */
record SimulationReport(String mode, String endpoint, Delays delays, AttackProfile profile, SimulationResult result,
                        Verdict verdict, CostComparison cost) {

    /** What a reader must know to trust the numbers. */
    List<String> notes() {
        return List.of(
                "moto does not enforce IAM: an inactive key still signs calls that succeed. The simulation enforces"
                        + " IAM itself: before every attacker call it reads the key's status and its user's inline"
                        + " policies, and refuses the call when the key is inactive or a deny-all policy is on the user.",
                "Containment is read from the emulator, never taken from what the handlers said: a key is contained"
                        + " when it cannot act, a function when its reserved concurrency is 0, an instance when it is"
                        + " stopped and only security groups without rules are on it.",
                "Tourniquet's handlers run for real through template.yaml's rules; their time is measured and"
                        + " advances the simulated clock. AWS's delays are simulated (see Delays).",
                "A mining run started before its function was stopped mines to its end (reserved concurrency 0"
                        + " blocks new invocations, not running ones). A stopped instance's EBS volumes and evidence"
                        + " snapshots (cents a day) are left out.",
                "Every Tourniquet handler log line of the run is in handler-log.jsonl beside this report.");
    }

    /** The steps Tourniquet reported as planned: what plan mode would have done. */
    List<DeliveryLog.StepTaken> wouldHaveDone() {
        return result.steps().stream().filter(s -> s.result().equals("planned")).toList();
    }
}

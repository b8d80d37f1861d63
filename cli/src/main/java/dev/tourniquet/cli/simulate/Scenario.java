package dev.tourniquet.cli.simulate;

import dev.tourniquet.cli.local.UsageException;
import java.util.Arrays;
import java.util.Set;

/**
 * The attack {@code simulate} plays ({@code --scenario}): what the attacker does, whether anything reports it, and
 * where Tourniquet receives events unless {@code --forwarder-regions} says otherwise.
 */
enum Scenario {
    /**
     * The deploy user's key is pushed to a public repository: AWS Health reports it, GuardDuty finds its calls and its
     * miners; the attacker makes backdoor identities; one GPU instance runs where Tourniquet has no stack.
     */
    LEAKED_KEY("leaked-key", AttackProfile.standard(), Deployment.standard()),
    /**
     * A key taken from a laptop or a CI log: never reported, GuardDuty off. The attacker runs miners and GPU instances
     * in São Paulo and Mumbai; forwarders are in every region the account uses, as {@code ./tourniquet forwarders}
     * deploys them. Only the owner's footprint ({@code AllowedRegions} …) can name what it launches.
     */
    QUIET_THEFT("quiet-theft", AttackProfile.quiet(), new Deployment("us-east-1",
            Set.of("eu-west-1", "sa-east-1", "ap-south-1")));

    private final String id;
    private final AttackProfile profile;
    private final Deployment deployment;

    Scenario(String id, AttackProfile profile, Deployment deployment) {
        this.id = id;
        this.profile = profile;
        this.deployment = deployment;
    }

    String id() {
        return id;
    }

    AttackProfile profile() {
        return profile;
    }

    /** Where Tourniquet is deployed by default for this scenario. */
    Deployment deployment() {
        return deployment;
    }

    static Scenario parse(String text) {
        return Arrays.stream(values()).filter(s -> s.id.equals(text)).findFirst().orElseThrow(() ->
                new UsageException("--scenario takes leaked-key or quiet-theft, not '" + text + "'"));
    }
}

package dev.tourniquet.playbook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.Tampering;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.events.EmitChainEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to do about a call that weakened a sensor or Tourniquet itself: undo what can be undone ({@link TamperingUndo}),
 * contain the caller through the credential path (the "Credential Compromised" chain event for its key or session), and
 * alert, saying what only a redeploy or a person can put back.
 *
 * <p>The caller is not contained when it is an AWS service (its own identity, a service acting for someone, a
 * service-linked role), root (never locked out), an exempt principal, a caller without an access key, or when the
 * change was made through CloudFormation on Tourniquet's own stack: without {@code DeployPrincipalArns}, a stack
 * operation is alerted, not contained. A change CloudFormation itself makes to Tourniquet's resources is the stack
 * operation's doing: alerted, never undone (undoing it would fight the deploy).
 */
public final class TamperingPlaybook implements Playbook {
    /** The event name of a weakening the scheduled baseline found (no CloudTrail event, no known caller). */
    public static final String DRIFT = "BaselineDrift";

    private final AwsClients clients;
    private final Configuration configuration;
    private final Exemptions exemptions;
    private final TamperingUndo undo;

    public TamperingPlaybook(AwsClients clients) {
        this.clients = clients;
        this.configuration = clients.configuration();
        this.exemptions = new Exemptions(configuration);
        this.undo = new TamperingUndo(clients);
    }

    @Override
    public Plan plan(Signal signal) {
        if (!(signal instanceof Tampering tampering)) {
            return Plan.recordOnly(signal, "not tampering: the tampering function does not act on it");
        }
        String what = tampering.caller().describe() + " " + tampering.weakening().description() + " ("
                + tampering.eventName() + " on " + tampering.resource() + " in " + tampering.region() + ")";
        if (!configuration.ownStack().isThisAccount(tampering.origin().accountId())) {
            return Plan.alertOnly(tampering, what + " in account " + tampering.origin().accountId()
                    + ", not the account Tourniquet runs in: alerted, never acted on here");
        }
        if (tampering.weakening().own() && tampering.caller().isCloudFormation()) {
            return Plan.alertOnly(tampering, what + ": CloudFormation made this change for a stack operation; the"
                    + " operation itself is judged, this change is not undone");
        }
        List<Step> steps = new ArrayList<>(undo.steps(tampering));
        Optional<String> notContained = notContained(tampering);
        notContained.ifPresentOrElse(reason -> { }, () -> steps.add(contain(tampering, what)));
        String rationale = what + "." + undo.byHand(tampering).map(h -> " " + h).orElse("")
                + notContained.map(r -> " Caller not contained: " + r + ".").orElse(" Caller contained.");
        return steps.isEmpty() ? Plan.alertOnly(tampering, rationale) : Plan.act(tampering, rationale, steps);
    }

    /** Why the caller must not be contained automatically, if it must not. */
    Optional<String> notContained(Tampering tampering) {
        var caller = tampering.caller();
        if (DRIFT.equals(tampering.eventName())) {
            return Optional.of("found weakened by the scheduled baseline; its CloudTrail event never reached Tourniquet,"
                    + " so who made the change is unknown: look it up in CloudTrail");
        }
        if (caller.isAwsService()) {
            return Optional.of("an AWS service acting for the owner is never contained");
        }
        if ("Root".equals(caller.type())) {
            return Optional.of("root is never locked out: sign in as root, rotate its password and keys");
        }
        Optional<String> exempt = caller.arn().flatMap(exemptions::forCaller);
        if (exempt.isPresent()) {
            return exempt;
        }
        if (tampering.weakening().name().startsWith("OWN_STACK") && configuration.deployPrincipalArns().isEmpty()) {
            return Optional.of("a change to Tourniquet's stack, and no DeployPrincipalArns names who may deploy it");
        }
        if (caller.accessKeyId().isEmpty() || caller.arn().isEmpty()) {
            return Optional.of("the call was signed with no access key");
        }
        if (!"IAMUser".equals(caller.type()) && !"AssumedRole".equals(caller.type())) {
            return Optional.of("credentials of type " + caller.type() + " are not contained automatically");
        }
        return Optional.empty();
    }

    // The credential function contains the key (a user's) or the session (a role's): the same path as a miner's creator.
    private Step contain(Tampering tampering, String what) {
        String key = tampering.caller().accessKeyId().orElseThrow();
        ObjectNode detail = Json.object().put("accessKeyId", key).put("principalArn", tampering.caller().arn().orElseThrow())
                .put("principalType", tampering.caller().type()).put("resourceArn", tampering.resource())
                // Caught tampering itself, not only as a creator: its whole window is swept.
                .put("implication", dev.tourniquet.signal.Implication.EXPOSED.id())
                .put("reason", "tampering: " + what);
        return new EmitChainEvent(clients::eventBridge, configuration.busName(), ChainEvents.CREDENTIAL_COMPROMISED, key,
                detail);
    }
}

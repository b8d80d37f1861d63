package dev.tourniquet.playbook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.InstanceFindingFamilies;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Shares;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ec2.CollectInstanceEvidence;
import dev.tourniquet.step.ec2.DetachFromAutoScalingGroup;
import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.step.ec2.Ec2StepKinds;
import dev.tourniquet.step.ec2.IsolateNetwork;
import dev.tourniquet.step.ec2.ProtectEvidence;
import dev.tourniquet.step.ec2.RemoveInstanceProfile;
import dev.tourniquet.step.ec2.SnapshotVolumes;
import dev.tourniquet.step.ec2.StopInstance;
import dev.tourniquet.step.events.EmitChainEvent;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * What to do with a compromised instance:
 * <ul>
 *   <li>sample findings, exempt instances (tag) and instances running with Tourniquet's own role: record only;</li>
 *   <li>findings where the instance is only the target (brute force against it): alert only;</li>
 *   <li>mining (and every instance a contained credential launched): evidence (description, console output,
 *       snapshots), protect the evidence, leave its Auto Scaling group, isolate, stop (unless
 *       {@code INSTANCE_MINING_ACTION=isolate-only}), remove its instance profile, revoke its role's sessions,
 *       and name the credential that launched it ("Credential Compromised");</li>
 *   <li>backdoor, trojan, malicious file and the configured extra types: the same without the stop.</li>
 * </ul>
 * What relaunches a stopped instance (a group or fleet the key made, a persistent Spot request) and a one-time Spot
 * instance, which cannot be stopped, are handled as {@link LaunchSourceSteps} says.
 * Detaching comes before isolating: an isolated or stopped instance fails its health checks, and the group
 * would terminate it (termination protection does not bind Auto Scaling).
 */
public final class InstancePlaybook implements Playbook {
    static final String STOP = "stop";
    private static final Set<String> LAUNCHER_TYPES = Set.of("IAMUser", "AssumedRole", "Root");

    private final AwsClients clients;
    private final Ec2Clients ec2;
    private final Configuration configuration;
    private final Exemptions exemptions;
    private final ReapplyPlaybook reapply;
    private final SharePlaybook shares;
    private final LaunchSourceSteps sources;

    public InstancePlaybook(AwsClients clients, Ec2Clients ec2) {
        this.clients = clients;
        this.ec2 = ec2;
        this.configuration = clients.configuration();
        this.exemptions = new Exemptions(configuration);
        this.reapply = new ReapplyPlaybook(clients, this::again);
        this.shares = new SharePlaybook(clients, Shares.INSTANCE_KINDS);
        this.sources = new LaunchSourceSteps(ec2, configuration.irreversibleActions());
        // A typo must not silently turn "stop" into "keep mining": refuse to start instead.
        if (!Set.of(STOP, "isolate-only").contains(configuration.instanceMiningAction())) {
            throw new IllegalArgumentException("INSTANCE_MINING_ACTION must be stop or isolate-only, was '"
                    + configuration.instanceMiningAction() + "'");
        }
    }

    @Override
    public boolean takes(Signal signal) {
        return signal instanceof CompromisedInstance || signal instanceof ContainmentUndone
                || signal instanceof SharedResource;
    }

    @Override
    public Plan plan(Signal signal) {
        if (signal.origin().sample()) {
            return Plan.recordOnly(signal, "GuardDuty sample finding: recorded, never enforced");
        }
        if (signal instanceof ContainmentUndone undone) {
            return reapply.plan(undone);
        }
        if (signal instanceof SharedResource shared) {
            return shares.plan(shared);
        }
        if (!(signal instanceof CompromisedInstance instance)) {
            return Plan.recordOnly(signal, "not an instance: the instance function does not act on it");
        }
        String type = signal.origin().findingType().orElse("");
        // An attack sequence names an instance only when one of its findings of these families names it.
        boolean contain = instance.mining() || InstanceFindingFamilies.isCompromise(type)
                || InstanceFindingFamilies.isAttackSequence(type)
                || configuration.extraInstanceFindingTypes().contains(type);
        if (!contain) {
            return instance.victimOnly()
                    ? Plan.alertOnly(instance, type + ": " + instance.instanceId() + " is the target, not the actor."
                            + " It is not isolated: check that nothing got in (logins, new processes) and close the"
                            + " port it was attacked on.")
                    : Plan.recordOnly(instance, type + " is not a finding type Tourniquet isolates instances for");
        }
        return switch (exemption(instance)) {
            case ExemptTag.Verdict.Exempt exempt -> Plan.recordOnly(instance, "exempt: " + exempt.reason());
            case ExemptTag.Verdict.Ignored ignored -> Plan.act(instance, rationale(instance, type) + ". "
                    + ignored.reason(), steps(instance));
            case ExemptTag.Verdict.Absent absent -> Plan.act(instance, rationale(instance, type), steps(instance));
        };
    }

    // An isolated instance stopped, isolated or stripped of its profile again, after someone undid it.
    private Optional<Step> again(ContainmentUndone.HeldStep held) {
        String region = held.prior().path("region").asText("");
        if (region.isEmpty()) {
            return Optional.empty();
        }
        Ec2Client client = ec2.ec2(region, false);
        String id = held.target();
        if (Ec2StepKinds.STOP_INSTANCE.id().equals(held.step())) {
            return Optional.of(new StopInstance(client, id, region));
        }
        if (Ec2StepKinds.ISOLATE_NETWORK.id().equals(held.step())) {
            return Optional.of(new IsolateNetwork(client, id, region));
        }
        if (Ec2StepKinds.REMOVE_INSTANCE_PROFILE.id().equals(held.step())) {
            return Optional.of(new RemoveInstanceProfile(client, id, region));
        }
        return Optional.empty();
    }

    private ExemptTag.Verdict exemption(CompromisedInstance instance) {
        Optional<String> role = instance.facts().roleArn();
        if (role.isPresent() && exemptions.isOwnRole(role.get())) {
            return new ExemptTag.Verdict.Exempt(instance.instanceId() + " runs with Tourniquet's own role "
                    + role.get() + ": Tourniquet never acts on its own resources; investigate by hand");
        }
        Optional<Provenance> launch = instance.facts().launchedBy();
        IncidentPrincipals incident = IncidentPrincipals.of(instance.origin().time(), Stream.empty(), Stream.empty())
                .with(launch);
        return exemptions.forTags(instance.instanceId(), instance.facts().tags(), instance.facts().exemptTagWriter(),
                incident, launch);
    }

    private boolean stops(CompromisedInstance instance) {
        return instance.mining() && STOP.equals(configuration.instanceMiningAction());
    }

    private String rationale(CompromisedInstance instance, String type) {
        String what = instance.fromSweep() || InstanceFindingFamilies.isAttackSequence(type) ? instance.reason() : type;
        String done = instance.origin().stopsOnly() ? ": held, stopped only (nothing else until it is decided)"
                : stops(instance) && LaunchSourceSteps.oneTimeSpot(instance) ? ": isolated"
                : stops(instance) ? ": isolated and stopped (a security-group change does not end a miner's"
                + " open connections)" : ": isolated" + (instance.mining() ? " (INSTANCE_MINING_ACTION=isolate-only)"
                : "");
        // Offline (./tourniquet plan) nothing is read from AWS: say what is decided only at run time.
        boolean unread = instance.facts().instanceProfileArn().isPresent() && instance.facts().roleArn().isEmpty();
        String source = stops(instance) ? sources.note(instance) : "";
        return what + done + source + (unread ? ". At run time the profile's role is read from IAM (its older sessions are"
                + " revoked) and the credential that launched the instance, if CloudTrail recorded it, is named" : "");
    }

    private List<Step> steps(CompromisedInstance instance) {
        String id = instance.instanceId();
        String region = instance.region();
        Ec2Client client = ec2.ec2(region, instance.fromSweep());
        if (instance.origin().stopsOnly()) {
            // Held (beyond a creator sweep's count, or by an exposure hold): stopped only (its volumes survive a
            // stop), until a person or provenance decides (confirm, release).
            return List.of(new StopInstance(client, id, region));
        }
        List<Step> steps = new ArrayList<>(List.of(new CollectInstanceEvidence(client, id, region),
                new SnapshotVolumes(client, () -> ec2.ec2SingleAttempt(region, instance.fromSweep()), id, region),
                new ProtectEvidence(client, id, region)));
        boolean stops = stops(instance);
        // The key's group or fleet stops replacing first; an owner's group only loses this instance, as before.
        if (stops) {
            steps.addAll(sources.beforeStop(instance));
        }
        if (!(stops && LaunchSourceSteps.staysInGroup(instance))) {
            steps.add(new DetachFromAutoScalingGroup(ec2.autoScaling(region, instance.fromSweep()), id, region));
        }
        steps.add(new IsolateNetwork(client, id, region));
        if (stops && !LaunchSourceSteps.oneTimeSpot(instance)) {
            steps.add(new StopInstance(client, id, region));
            steps.addAll(sources.afterStop(instance));
        }
        steps.add(new RemoveInstanceProfile(client, id, region));
        instance.facts().roleArn().filter(arn -> exemptions.forArn(arn).isEmpty())
                .flatMap(arn -> instance.facts().roleName())
                .ifPresent(role -> steps.add(RevokeRoleSessions.ofSession(clients.iam(), role, id)));
        launcher(instance).ifPresent(launcher -> steps.add(compromised(instance, launcher)));
        if (stops) {
            steps.addAll(sources.last(instance));
        }
        return steps;
    }

    /**
     * The credential to name, if any: not for a sweep (that credential is the one just contained), not for an
     * exempt or Tourniquet principal, not for an AWS service role (Auto Scaling launches its group's
     * instances), and only when CloudTrail recorded a key.
     */
    private Optional<Provenance> launcher(CompromisedInstance instance) {
        return instance.facts().launchedBy()
                .filter(p -> !instance.fromSweep() && p.accessKeyId().isPresent())
                .filter(p -> LAUNCHER_TYPES.contains(p.principalType()))
                .filter(p -> exemptions.forCaller(p.principalArn()).isEmpty())
                .filter(p -> !p.principalArn().contains(":assumed-role/AWSServiceRoleFor"));
    }

    private Step compromised(CompromisedInstance instance, Provenance launcher) {
        String key = launcher.accessKeyId().orElseThrow();
        ObjectNode detail = Json.object().put("accessKeyId", key).put("principalArn", launcher.principalArn())
                .put("principalType", launcher.principalType())
                // Implicated only as this instance's launcher: its sweep is bounded by the instance's shape.
                .put("implication", Implication.CREATOR.id()).put("flaggedResource", instance.instanceId())
                .put("firstSeen", instance.origin().firstSeen().toString())
                .put("reason", launcher.eventName() + " of instance " + instance.instanceId() + " in "
                        + instance.region() + ", caught: " + instance.origin().findingType().orElse(instance.reason()));
        return new EmitChainEvent(clients::eventBridge, configuration.busName(), ChainEvents.CREDENTIAL_COMPROMISED,
                key, detail);
    }
}

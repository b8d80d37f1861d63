package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.RegionEnabled;
import dev.tourniquet.step.account.DisableRegion;
import dev.tourniquet.step.account.RegionOptStatus;
import java.util.List;
import java.util.Optional;

/**
 * What to do when a region is enabled ({@code account:EnableRegion}): always an alert naming the region, the caller
 * and the command that gives the region its forwarder (a new region has none, so Tourniquet sees nothing there);
 * the region disabled again only when its caller is part of an incident (its key or identity contained), never for
 * an AWS service acting for the owner, an exempt principal or Tourniquet's own roles.
 */
final class RegionPlaybook {
    private final AwsClients clients;
    private final Exemptions exemptions;

    RegionPlaybook(AwsClients clients) {
        this.clients = clients;
        this.exemptions = new Exemptions(clients.configuration());
    }

    Plan plan(RegionEnabled enabled) {
        String what = "Region " + enabled.region() + " was enabled by " + enabled.caller().principalArn()
                + enabled.caller().accessKeyId().map(k -> " (key " + k + ")").orElse("") + ". Tourniquet sees"
                + " nothing there until it has a forwarder: run ./tourniquet forwarders --home "
                + clients.configuration().recordsRegion() + " (again, for a StackSet: self-managed StackSets do not"
                + " deploy to new regions by themselves).";
        if (enabled.caller().isAwsService()) {
            return Plan.alertOnly(enabled, what + " An AWS service acting for the owner made the call: not contained.");
        }
        Optional<String> exempt = exemptions.forCaller(enabled.caller().principalArn());
        if (exempt.isPresent()) {
            return Plan.alertOnly(enabled, what + " Exempt: " + exempt.get() + ".");
        }
        if (enabled.containedBy().isEmpty()) {
            return Plan.alertOnly(enabled, what + " Its caller is part of no incident: if you did not expect it,"
                    + " disable it with aws account disable-region --region-name " + enabled.region() + ".");
        }
        return Plan.act(enabled, what + " Its caller was contained by incident " + enabled.containedBy().get()
                + ": the region is disabled again (what is in it is kept, unusable until it is enabled again).",
                List.of(new DisableRegion(RegionOptStatus.client(clients), enabled.region())));
    }
}

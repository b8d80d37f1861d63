package dev.tourniquet.playbook;

import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.CompromisedRoleSession;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.RegionEnabled;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Signal;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tourniquet acts only in the account it runs in ({@link OwnStack#accountId()}). A signal about another
 * account, by the event's envelope, the finding's own {@code accountId} (a GuardDuty administrator account
 * receives its members' findings) or the account in the resource's ARN, is alerted and recorded, never acted
 * on: a user or function of the same name here is not the one the finding is about. Sample findings stay
 * record-only, wherever they come from.
 */
public final class ThisAccountOnly implements Playbook {
    private final Playbook playbook;
    private final OwnStack own;

    public ThisAccountOnly(Playbook playbook, OwnStack own) {
        this.playbook = playbook;
        this.own = own;
    }

    @Override
    public Plan plan(Signal signal) {
        if (signal.origin().sample()) {
            return playbook.plan(signal);
        }
        return foreign(signal, own).map(reason -> Plan.alertOnly(signal, reason)).orElseGet(() -> playbook.plan(signal));
    }

    @Override
    public boolean takes(Signal signal) {
        return playbook.takes(signal);
    }

    /** Why a signal is not this account's to act on, if it is not. */
    public static Optional<String> foreign(Signal signal, OwnStack own) {
        Set<String> accounts = new LinkedHashSet<>();
        accounts.add(signal.origin().deliveredTo());
        accounts.add(signal.origin().accountId());
        resourceAccount(signal).ifPresent(accounts::add);
        accounts.removeIf(account -> account.isEmpty() || own.isThisAccount(account));
        if (accounts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("this " + signal.signalType().replace('_', ' ') + " is in account "
                + String.join(", ", accounts) + ", not in account " + own.accountId() + " where Tourniquet runs"
                + " (delivered to " + signal.origin().deliveredTo() + "). Nothing was changed here: a resource of the"
                + " same name here is not the one it names. Contain it in its own account (deploy Tourniquet there"
                + " or act by hand).");
    }

    private static Optional<String> resourceAccount(Signal signal) {
        return switch (signal) {
            case CompromisedFunction function -> FunctionArn.parse(function.functionArn()).map(FunctionArn::account);
            case CompromisedAccessKey key -> key.principal().arn().map(ThisAccountOnly::accountOf);
            case SharedResource shared -> Optional.of(shared.share().accountId()).filter(a -> !a.isEmpty());
            case CompromisedWorkload workload -> Optional.of(workload.workload().accountId()).filter(a -> !a.isEmpty());
            case CompromisedRoleSession session -> session.principal().arn().map(ThisAccountOnly::accountOf);
            // A management account enabling a member's region: the member's to contain.
            case RegionEnabled enabled -> Optional.of(enabled.targetAccount());
            default -> Optional.empty();
        };
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : "";
    }
}

package dev.tourniquet.cli.simulate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cost arithmetic, from list prices:
 * <ul>
 *   <li>a mining function runs first when created, then every {@code runEvery} while its rule can
 *       invoke it; each run is {@code executionsPerRun} executions of {@code executionSeconds} at its
 *       memory, billed in GB-seconds plus a request each. A run started before the function was stopped
 *       mines to its end: reserved concurrency 0 blocks new invocations, not running ones;</li>
 *   <li>an instance is billed per second (60 seconds at least) from launch until it is stopped, at its
 *       region's price (one of the attacker's runs where Tourniquet has no stack).</li>
 * </ul>
 */
final class CostModel {
    private final AttackProfile profile;

    CostModel(AttackProfile profile) {
        this.profile = profile;
    }

    CostComparison compare(List<AttackerOutcome> outcomes, Duration ownerNotices) {
        List<CostLine> without = new ArrayList<>();
        List<CostLine> with = new ArrayList<>();
        for (AttackerOutcome outcome : outcomes) {
            AttackerResource resource = outcome.resource();
            Optional<Duration> contained = outcome.containedAt().filter(at -> at.compareTo(ownerNotices) < 0);
            line(resource, ownerNotices, "until the owner notices").ifPresent(without::add);
            line(resource, contained.orElse(ownerNotices), contained.isPresent() ? "until contained"
                    : "never contained: until the owner notices").ifPresent(with::add);
        }
        return new CostComparison(ownerNotices, without, with);
    }

    /** The runs of a function started before {@code end}: at first run, first run + every, … */
    static long runs(Duration firstRun, Duration end, Duration every) {
        if (end.compareTo(firstRun) <= 0) {
            return 0;
        }
        long span = end.minus(firstRun).toMillis();
        return (span + every.toMillis() - 1) / every.toMillis();
    }

    CostLine function(AttackerResource function, Duration end, String why) {
        long runs = runs(function.createdAt().plus(AttackProfile.FIRST_RUN_AFTER), end, profile.runEvery());
        long executions = runs * profile.executionsPerRun();
        BigDecimal gigabytes = BigDecimal.valueOf(profile.functionMemoryMb()).divide(BigDecimal.valueOf(1024),
                MathContext.DECIMAL64);
        BigDecimal gbSeconds = gigabytes.multiply(BigDecimal.valueOf(executions * profile.executionSeconds()));
        BigDecimal usd = gbSeconds.multiply(ListPrices.LAMBDA_ARM_GB_SECOND)
                .add(ListPrices.LAMBDA_REQUEST.multiply(BigDecimal.valueOf(executions)));
        String arithmetic = runs + " runs (" + why + ", " + DurationText.clock(end) + ") x " + profile.executionsPerRun()
                + " execution x " + gigabytes.stripTrailingZeros().toPlainString() + " GB x "
                + profile.executionSeconds() + " s x $" + ListPrices.LAMBDA_ARM_GB_SECOND.toPlainString() + "/GB-s + "
                + executions + " requests x $" + ListPrices.LAMBDA_REQUEST.toPlainString() + " = " + Money.format(usd);
        return new CostLine(function.label(), arithmetic, usd);
    }

    CostLine instance(AttackerResource instance, Duration end, String why) {
        long seconds = Math.max(60, end.minus(instance.createdAt()).toSeconds());
        BigDecimal hours = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP);
        BigDecimal hourly = ListPrices.ec2Hourly(profile.instanceType(), instance.region());
        BigDecimal usd = hours.multiply(hourly);
        String arithmetic = seconds + " s (" + why + ", " + DurationText.clock(end) + ") = "
                + hours.setScale(4, RoundingMode.HALF_UP).toPlainString() + " h x $" + hourly.toPlainString() + "/h ("
                + profile.instanceType() + ", " + instance.region() + ") = " + Money.format(usd);
        return new CostLine(instance.label(), arithmetic, usd);
    }

    private Optional<CostLine> line(AttackerResource resource, Duration end, String why) {
        return switch (resource.kind()) {
            case FUNCTION -> Optional.of(function(resource, end, why));
            case INSTANCE -> Optional.of(instance(resource, end, why));
            case SERVICE -> Optional.of(FargateMiner.cost(resource, end, why));
            // Identities cost nothing themselves: what they launch is counted as its own resource.
            case ACCESS_KEY, USER, ROLE -> Optional.empty();
        };
    }
}

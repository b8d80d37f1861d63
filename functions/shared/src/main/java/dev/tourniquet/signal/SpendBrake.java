package dev.tourniquet.signal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cost or usage signal that spend is running where it should not: an AWS Cost Anomaly Detection anomaly
 * ({@link CostAnomalyParser}) or one of the stack's usage alarms going into ALARM ({@link UsageAlarmParser}). It names
 * no resource and no credential: it says which services (and regions) to look at, and how far back. The footprint check
 * of their CloudTrail history finds what to contain.
 *
 * @param origin the event that carried it
 * @param kind   what raised it
 * @param name   the anomaly id, or the alarm name
 * @param scopes the services and regions to check; empty when it names nothing the footprint judges (alerted only)
 * @param from   where the history is read from (until now)
 * @param causes what the signal says, one line each (root causes, the alarm's reason), for the alert
 * @param link   where a person reads more (the anomaly's console page), when given
 */
public record SpendBrake(Origin origin, Kind kind, String name, List<Scope> scopes, Instant from, List<String> causes,
                         Optional<String> link) {

    public SpendBrake {
        scopes = List.copyOf(scopes);
        causes = List.copyOf(causes);
    }

    /** What raised the brake. */
    public enum Kind {
        COST_ANOMALY("Cost anomaly"),
        USAGE_ALARM("Usage alarm");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One service to check, in one region or, when the signal names none, in every enabled region.
     *
     * @param region the region, empty: every enabled region
     */
    public record Scope(SpendService service, Optional<String> region) {
        @Override
        public String toString() {
            return service.label() + " in " + region.orElse("every enabled region");
        }
    }
}

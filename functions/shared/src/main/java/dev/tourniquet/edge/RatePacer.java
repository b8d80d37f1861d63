package dev.tourniquet.edge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/**
 * Keeps a service's calls within its control-plane limit, per region, for mass actions (sweeps): each
 * call waits for its slot, evenly spaced at {@code 1 / requestsPerSecond}. Throttling that still happens
 * is retried by the SDK's standard retry strategy with backoff.
 *
 * <p>Install it on the clients of one service (for example Lambda, 15 requests/s per region).
 */
public final class RatePacer implements ExecutionInterceptor {
    private final long intervalNanos;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public RatePacer(double requestsPerSecond) {
        this.intervalNanos = (long) (1_000_000_000L / requestsPerSecond);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        slots.computeIfAbsent(region == null ? "" : region.id(), r -> new Slot()).await(intervalNanos);
    }

    /** The next free moment of one region. */
    private static final class Slot {
        private long next = System.nanoTime();

        void await(long interval) {
            long at;
            synchronized (this) {
                long now = System.nanoTime();
                at = Math.max(now, next);
                next = at + interval;
            }
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}

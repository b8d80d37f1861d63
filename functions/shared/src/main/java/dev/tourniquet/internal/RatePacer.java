package dev.tourniquet.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Keeps a service's calls within its control-plane limit, per region, for mass actions (sweeps): each
 * call waits until at least {@code 1 / requestsPerSecond} (plus a 2 % margin) has passed since the
 * region's previous call left. Throttling that still happens is retried by the SDK's standard retry strategy with backoff.
 *
 * <p>The interval is counted from the moment the previous call really left, not from when its slot was
 * planned: a thread that wakes late then delays the next call instead of bunching with it, so no
 * one-second window ever holds more than {@code requestsPerSecond} calls of a region (before this,
 * {@code ./tourniquet bench} counted 16 calls in one second at 15/s). Install it on the clients of one
 * service (for example Lambda, 15 requests/s per region).
 */
public final class RatePacer implements ExecutionInterceptor {
    /** How much slower than the limit calls are spaced: 2 % absorbs 20 ms of jitter within any second. */
    static final double MARGIN = 0.02;

    private final long intervalNanos;
    private final Map<String, Long> ownIntervals;
    private final Time time;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public RatePacer(double requestsPerSecond) {
        this(requestsPerSecond, Time.REAL);
    }

    /** @param time the clock the pacer reads and how it waits: {@link Time#REAL}, or a test's own */
    public RatePacer(double requestsPerSecond, Time time) {
        this(requestsPerSecond, Map.of(), time);
    }

    /**
     * A pacer whose service gives some operations a quota of their own (Lambda's {@code GetFunction}: 100 a second
     * beside the control plane's 15): each of those is paced on a slot of its own at its own rate, and never counts
     * against the others'.
     *
     * @param ownQuotas requests per second of each operation with its own quota, by the SDK's operation name
     */
    public RatePacer(double requestsPerSecond, Map<String, Double> ownQuotas, Time time) {
        this.intervalNanos = interval(requestsPerSecond);
        Map<String, Long> own = new java.util.HashMap<>();
        ownQuotas.forEach((operation, rate) -> own.put(operation, interval(rate)));
        this.ownIntervals = Map.copyOf(own);
        this.time = time;
    }

    // Rounded up, plus a margin: a call reaches the socket a few milliseconds after the pacer lets it go,
    // more or less depending on thread scheduling; with calls spaced exactly 1/15 s apart that jitter
    // alone fits a 16th call into some second (the benchmark saw it with two threads per region).
    private static long interval(double requestsPerSecond) {
        return (long) Math.ceil(1_000_000_000d * (1 + MARGIN) / requestsPerSecond);
    }

    /** Waits for a number of nanoseconds (may return early or late; the pacer re-checks its clock). */
    public interface Sleeper {
        void sleep(long nanos);
    }

    /**
     * The time a pacer keeps: a nanosecond clock and a way to wait on it. Tests give a virtual one, so that
     * pacing is exercised at full rate without waiting in real time; production limits stay as they are.
     *
     * @param nanoTime  nanoseconds, as {@link System#nanoTime()}
     * @param sleeper   waits on that clock
     */
    public record Time(LongSupplier nanoTime, Sleeper sleeper) {
        /** The machine's monotonic clock, waited on by parking the thread. */
        public static final Time REAL = new Time(System::nanoTime, LockSupport::parkNanos);

        /** Returns when {@code nanoTime} has reached {@code deadline}. */
        public void waitUntil(long deadline) {
            long wait;
            while ((wait = deadline - nanoTime.getAsLong()) > 0) {
                sleeper.sleep(wait);
            }
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        pace(region == null ? "" : region.id(), attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** Returns when a call to this region may leave. */
    void pace(String region) {
        pace(region, null);
    }

    /** Returns when a call of {@code operation} (null: any without a quota of its own) to this region may leave. */
    void pace(String region, String operation) {
        Long own = operation == null ? null : ownIntervals.get(operation);
        String key = own == null ? region : region + "#" + operation;
        slots.computeIfAbsent(key, k -> new Slot(own == null ? intervalNanos : own)).await();
    }

    /** Whether calls of {@code operation} are paced on a quota of their own. */
    public boolean ownQuota(String operation) {
        return ownIntervals.containsKey(operation);
    }

    /** When one region's next call (of one quota) may leave; its callers are let go one at a time. */
    private final class Slot {
        // A lock rather than synchronized: waiting virtual threads must not pin their carriers.
        private final ReentrantLock lock = new ReentrantLock();
        private final long intervalNanos;
        private long next = time.nanoTime().getAsLong();

        Slot(long intervalNanos) {
            this.intervalNanos = intervalNanos;
        }

        void await() {
            lock.lock();
            try {
                time.waitUntil(next);
                next = time.nanoTime().getAsLong() + intervalNanos;
            } finally {
                lock.unlock();
            }
        }
    }
}

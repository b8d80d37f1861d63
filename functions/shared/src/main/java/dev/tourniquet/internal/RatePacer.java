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
    private final Time time;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public RatePacer(double requestsPerSecond) {
        this(requestsPerSecond, Time.REAL);
    }

    /** @param time the clock the pacer reads and how it waits: {@link Time#REAL}, or a test's own */
    public RatePacer(double requestsPerSecond, Time time) {
        // Rounded up, plus a margin: a call reaches the socket a few milliseconds after the pacer lets it go,
        // more or less depending on thread scheduling; with calls spaced exactly 1/15 s apart that jitter
        // alone fits a 16th call into some second (the benchmark saw it with two threads per region).
        this.intervalNanos = (long) Math.ceil(1_000_000_000d * (1 + MARGIN) / requestsPerSecond);
        this.time = time;
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
        pace(region == null ? "" : region.id());
    }

    /** Returns when a call to this region may leave. */
    void pace(String region) {
        slots.computeIfAbsent(region, r -> new Slot()).await();
    }

    /** When one region's next call may leave; its callers are let go one at a time. */
    private final class Slot {
        // A lock rather than synchronized: waiting virtual threads must not pin their carriers.
        private final ReentrantLock lock = new ReentrantLock();
        private long next = time.nanoTime().getAsLong();

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

package dev.tourniquet.cli.bench;

/**
 * The Lambda memory setting a function needs, from its cold runs. {@code MemorySize} buys CPU as well as
 * memory (Lambda gives {@code MemorySize ÷ 1,769 MB} of a vCPU, one full vCPU at 1,769 MB), and a cold
 * start is CPU-bound, so the setting must hold the process's memory and give it the CPU it used here.
 *
 * <ul>
 *   <li>memory: twice the peak RSS (room for a larger heap, the Lambda runtime client, larger events);</li>
 *   <li>CPU: the share of a vCPU the cold run used here (CPU time ÷ wall time), at most one vCPU: a
 *       containment runs on one thread, so a second vCPU would only help the JIT compiler;</li>
 * </ul>
 * the larger of the two (memory rounded up to 64 MB), at least 128 MB.
 *
 * @param peakRssMb     the highest peak RSS of the cold runs
 * @param cpuMillis     median CPU time (all threads) of a cold run
 * @param vcpuShare     median CPU time ÷ median wall time, at most 1
 * @param recommendedMb the setting recommended
 */
record MemoryAdvice(double peakRssMb, double cpuMillis, double vcpuShare, int recommendedMb) {
    static final int FULL_VCPU_MB = 1769;
    static final String RULE = "recommended MemorySize = the larger of 2 × peak RSS and the share of a vCPU the cold"
            + " run used here (CPU ÷ wall time, at most 1) × 1,769 MB: Lambda gives"
            + " MemorySize ÷ 1,769 MB of a vCPU, and a cold start is CPU-bound.";

    static MemoryAdvice of(ColdSummary cold) {
        double rss = cold.peakRssMb();
        double cpu = cold.cpuMillis();
        double share = Math.min(1.0, Statistics.ratio(cpu, cold.toExit()));
        int memory = Double.isNaN(rss) ? 0 : (int) Math.ceil(2 * rss / 64) * 64;
        int processor = Double.isNaN(share) ? 0 : (int) Math.ceil(share * FULL_VCPU_MB);
        return new MemoryAdvice(rss, cpu, share, Math.max(128, Math.max(memory, processor)));
    }

    /** Seconds of CPU-bound work at a setting: CPU time ÷ the vCPU share that setting gets. */
    static double cpuSeconds(double cpuMillis, int memorySizeMb) {
        return cpuMillis / 1000 / Math.min(1.0, (double) memorySizeMb / FULL_VCPU_MB);
    }

    String reason() {
        return String.format("peak RSS %.0f MB needs %.0f MB; the cold run used %.2f of a vCPU here (%.0f ms of CPU),"
                + " which is %.0f MB on Lambda; at 1024 MB its CPU work would take about %.2f s, at %d MB %.2f s",
                peakRssMb, 2 * peakRssMb, vcpuShare, cpuMillis, vcpuShare * FULL_VCPU_MB, cpuSeconds(cpuMillis, 1024),
                recommendedMb, cpuSeconds(cpuMillis, recommendedMb));
    }
}

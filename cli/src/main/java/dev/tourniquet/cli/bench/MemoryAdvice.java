package dev.tourniquet.cli.bench;

import java.util.List;

/**
 * The Lambda memory setting a function needs, from its cold runs. Memory is not the only thing
 * {@code MemorySize} buys: Lambda gives CPU in proportion to it (one vCPU at 1,769 MB), and a cold start
 * is CPU-bound, so the setting must cover both the process's peak memory and its start-up CPU.
 *
 * @param peakRssMb     the highest peak RSS of the cold runs
 * @param cpuMillis     median CPU time (all threads) of a cold run
 * @param recommendedMb the setting recommended
 * @param reason        why, in a sentence
 */
record MemoryAdvice(double peakRssMb, double cpuMillis, int recommendedMb, String reason) {
    static final int FULL_VCPU_MB = 1769;
    static final List<Integer> SETTINGS = List.of(256, 512, 1024, FULL_VCPU_MB);
    static final double CPU_BUDGET_MILLIS = 1000;
    static final String RULE = "recommended MemorySize = the smallest of 256, 512, 1024, 1769 MB that holds twice the"
            + " peak RSS and whose CPU share (MemorySize ÷ 1769 MB of a vCPU) runs the cold containment's CPU time"
            + " within 1 s.";

    static MemoryAdvice of(ColdSummary cold) {
        double rss = cold.peakRssMb();
        double cpu = cold.cpuMillis();
        for (int setting : SETTINGS) {
            if (setting >= 2 * rss && cpuSeconds(cpu, setting) * 1000 <= CPU_BUDGET_MILLIS) {
                return new MemoryAdvice(rss, cpu, setting, explain(rss, cpu, setting));
            }
        }
        return new MemoryAdvice(rss, cpu, FULL_VCPU_MB, explain(rss, cpu, FULL_VCPU_MB));
    }

    /** Seconds of CPU-bound work at a setting: CPU time ÷ the vCPU share the setting gets. */
    static double cpuSeconds(double cpuMillis, int memorySizeMb) {
        return cpuMillis / 1000 / Math.min(1.0, (double) memorySizeMb / FULL_VCPU_MB);
    }

    private static String explain(double rss, double cpu, int setting) {
        return String.format("peak RSS %.0f MB needs at least %.0f MB; %.0f ms of CPU take about %.1f s at %d MB"
                + " and %.1f s at 1024 MB", rss, 2 * rss, cpu, cpuSeconds(cpu, setting), setting,
                cpuSeconds(cpu, 1024));
    }
}

package dev.tourniquet.cli.bench;

/**
 * How much the benchmark measures.
 *
 * @param variant        "full" or "quick"
 * @param warmEvents     measured events of the warm measurement
 * @param warmUp         unmeasured events before them
 * @param coldRuns       fresh processes per language (and per start-up option)
 * @param sweepFunctions functions the swept credential created
 * @param sweepRegions   regions they are spread over
 * @param pacingCalls    Lambda calls per region when the pacer is measured alone
 * @param startupOptions whether to measure each JVM start-up option on its own as well
 */
record BenchSettings(String variant, int warmEvents, int warmUp, int coldRuns, int sweepFunctions, int sweepRegions,
                     int pacingCalls, boolean startupOptions) {

    static BenchSettings full(boolean startupOptions) {
        return new BenchSettings("full", 200, 20, 10, 1000, 5, 150, startupOptions);
    }

    /** Small enough for every test run: keeps the benchmark working, its numbers are not held to targets there. */
    static BenchSettings quick(boolean startupOptions) {
        return new BenchSettings("quick", 20, 5, 2, 20, 5, 15, startupOptions);
    }
}

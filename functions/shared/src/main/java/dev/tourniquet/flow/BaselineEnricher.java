package dev.tourniquet.flow;

import dev.tourniquet.records.BaselineStore;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.signal.Tampering;
import java.util.function.Supplier;

/** Completes a tampering signal with what the last baseline recorded of its resource, so the undo restores that. */
public final class BaselineEnricher implements SignalEnricher {
    private final Supplier<BaselineStore> baselines;

    public BaselineEnricher(Supplier<BaselineStore> baselines) {
        this.baselines = baselines;
    }

    @Override
    public Signal enrich(Signal signal) {
        return signal instanceof Tampering tampering
                ? tampering.withBaseline(baselines.get().find(tampering.baselineKey())) : signal;
    }
}

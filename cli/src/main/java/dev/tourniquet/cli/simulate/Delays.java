package dev.tourniquet.cli.simulate;

import dev.tourniquet.cli.local.Arguments;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The value of every {@link Delay} for one run: its default unless overridden on the command line. */
final class Delays {
    private final Map<Delay, Duration> values;

    private Delays(Map<Delay, Duration> values) {
        this.values = values;
    }

    static Delays defaults() {
        Map<Delay, Duration> values = new EnumMap<>(Delay.class);
        for (Delay delay : Delay.values()) {
            values.put(delay, delay.defaultValue());
        }
        return new Delays(values);
    }

    static Delays from(Arguments arguments) {
        Delays delays = defaults();
        for (Delay delay : Delay.values()) {
            arguments.option(delay.option()).ifPresent(text -> delays.values.put(delay, DurationText.parse(delay.option(),
                    text)));
        }
        return delays;
    }

    Duration get(Delay delay) {
        return values.get(delay);
    }

    Delays with(Delay delay, Duration value) {
        Map<Delay, Duration> copy = new EnumMap<>(values);
        copy.put(delay, value);
        return new Delays(copy);
    }
}

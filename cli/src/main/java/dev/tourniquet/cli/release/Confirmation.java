package dev.tourniquet.cli.release;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

/** Asks the person at the terminal a yes/no question. */
@FunctionalInterface
public interface Confirmation {

    /** The answer, or empty when there is no terminal to ask on (piped input, CI). */
    Optional<Boolean> ask(String question);

    /**
     * Asks on the process's terminal. Piped standard input is not a terminal: a release must be confirmed
     * by a person, or explicitly with {@code --yes}.
     */
    static Confirmation terminal() {
        return question -> {
            Console console = System.console();
            if (console == null || !isTerminal(console)) {
                return Optional.empty();
            }
            String answer = console.readLine("%s [y/N] ", question);
            return Optional.of(answer != null && yes(answer));
        };
    }

    // From JDK 22 System.console() is also returned for redirected streams; Console.isTerminal() tells them apart.
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    private static boolean yes(String answer) {
        String word = answer.trim().toLowerCase(Locale.ROOT);
        return word.equals("y") || word.equals("yes");
    }
}

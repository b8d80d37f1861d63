package dev.tourniquet.cli.simulate;

import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.internal.Loopback;
import java.net.URI;
import java.util.Locale;

/**
 * Accepts an emulator endpoint only on this machine's loopback: {@code 127.0.0.0/8}, {@code ::1} or
 * {@code localhost}. The simulation creates mining functions and a GPU instance with a leaked key; it
 * must never be able to do that in a real account. Checked from the text alone, before any call: host
 * names other than {@code localhost} are refused rather than resolved (a name can point anywhere).
 */
final class LoopbackEndpoint {
    private LoopbackEndpoint() {}

    static URI require(String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw refused(text, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw refused(text, "it is not an http(s) URL with a host");
        }
        if (!isLoopback(uri.getHost())) {
            throw refused(text, uri.getHost() + " is not a loopback address");
        }
        return uri;
    }

    static boolean isLoopback(String host) {
        return Loopback.isLoopbackHost(host);
    }

    private static UsageException refused(String text, String why) {
        return new UsageException("refusing --endpoint " + text + ": " + why + ". simulate plays an attack"
                + " (mining functions, a GPU instance) and only ever talks to an emulator on this machine: give"
                + " 127.0.0.1, ::1 or localhost, or leave --endpoint out to start one.");
    }
}

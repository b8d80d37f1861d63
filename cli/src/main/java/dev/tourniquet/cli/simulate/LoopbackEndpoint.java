package dev.tourniquet.cli.simulate;

import dev.tourniquet.cli.Main;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Accepts an emulator endpoint only on this machine's loopback: {@code 127.0.0.0/8}, {@code ::1} or
 * {@code localhost}. The simulation creates mining functions and a GPU instance with a leaked key; it
 * must never be able to do that in a real account. Checked from the text alone, before any call: host
 * names other than {@code localhost} are refused rather than resolved (a name can point anywhere).
 */
final class LoopbackEndpoint {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

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
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        var ipv4 = IPV4.matcher(h);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                String octet = ipv4.group(i);
                // Leading zeros are read as octal by some resolvers: refuse what could mean two things.
                if (Integer.parseInt(octet) > 255 || octet.length() > 1 && octet.startsWith("0")) {
                    return false;
                }
            }
            return ipv4.group(1).equals("127");
        }
        if (h.contains(":") && h.matches("[0-9a-fA-F:.]+")) {
            try {
                // An IPv6 literal: parsed, never looked up.
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static Main.UsageException refused(String text, String why) {
        return new Main.UsageException("refusing --endpoint " + text + ": " + why + ". simulate plays an attack"
                + " (mining functions, a GPU instance) and only ever talks to an emulator on this machine: give"
                + " 127.0.0.1, ::1 or localhost, or leave --endpoint out to start one.");
    }
}

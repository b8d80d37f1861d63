package dev.tourniquet.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Whether a host is this machine's loopback ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}), judged
 * from its text alone: host names other than {@code localhost} are not loopback, never resolved (a name
 * can point anywhere). Emulated runs use it to make sure nothing leaves this machine.
 */
public final class Loopback {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Loopback() {}

    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
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
}

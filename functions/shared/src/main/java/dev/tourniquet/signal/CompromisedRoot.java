package dev.tourniquet.signal;

/**
 * The account's root credentials in use. Tourniquet cannot and must not lock out root: it alerts,
 * loudly, and changes nothing.
 */
public record CompromisedRoot(Origin origin, String accessKeyId, String reason) implements Signal {

    @Override
    public String subject() {
        return origin.iamArn("root");
    }

    @Override
    public String signalType() {
        return "root";
    }
}

package dev.tourniquet.signal;

/**
 * What is compromised, where, and why we think so. Each permitted record names one resource;
 * Tourniquet acts on exactly that resource and nothing else.
 */
public sealed interface Signal
        permits CompromisedAccessKey, CompromisedRoleSession, CompromisedRoot, CompromisedFunction,
                CompromisedInstance, Tampering, ContainmentUndone, SharedResource, IamPersistence, RegionEnabled,
                CompromisedWorkload {

    Origin origin();

    /** The compromised resource, as a stable string (key id, ARN, instance id). */
    String subject();

    /** A short snake_case name for logs and records ({@code access_key}, {@code function} …). */
    String signalType();
}

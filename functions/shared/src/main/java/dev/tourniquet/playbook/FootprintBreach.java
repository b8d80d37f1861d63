package dev.tourniquet.playbook;

import dev.tourniquet.internal.Footprint;
import java.util.List;

/**
 * Which rule of the owner's footprint a spend-creating call broke, and how: the alert names it, and the incident
 * records it as its finding type ({@code Footprint:<parameter>}).
 */
public sealed interface FootprintBreach {
    /** The prefix of every footprint finding type. */
    String FINDING_PREFIX = "Footprint:";

    /** The resource the call launched (function ARN, instance id, request, fleet or group id). */
    String resource();

    /** The template parameter whose rule was broken ({@code AllowedRegions} …). */
    String rule();

    /** One sentence for the alert: what was launched, and why that is outside. */
    String describe();

    /** The finding type an incident of this breach records. */
    default String findingType() {
        return FINDING_PREFIX + rule();
    }

    /** Launched in a region the owner does not use. */
    record OutsideAllowedRegions(String resource, String region, List<String> allowed) implements FootprintBreach {
        public OutsideAllowedRegions {
            allowed = List.copyOf(allowed);
        }

        @Override
        public String rule() {
            return "AllowedRegions";
        }

        @Override
        public String describe() {
            return resource + " was launched in " + region + ", outside AllowedRegions (" + String.join(", ", allowed)
                    + ")";
        }
    }

    /** An instance of a family the owner never rents. */
    record DeniedInstanceFamily(String resource, String instanceType, String pattern) implements FootprintBreach {
        @Override
        public String rule() {
            return "DeniedInstanceFamilies";
        }

        @Override
        public String describe() {
            return resource + " is a " + instanceType + ", whose family matches DeniedInstanceFamilies (" + pattern
                    + ")";
        }
    }

    /** An instance larger than the owner ever runs. */
    record AboveInstanceVcpus(String resource, String instanceType, int vcpus, int max) implements FootprintBreach {
        @Override
        public String rule() {
            return "MaxInstanceVcpus";
        }

        @Override
        public String describe() {
            return resource + " is a " + instanceType + " of " + vcpus + " vCPUs, above MaxInstanceVcpus (" + max + ")";
        }
    }

    /** A function of the miner's shape: memory and timeout both at or above the set values. */
    record DeniedFunctionShape(String resource, int memoryMb, int timeoutSeconds, Footprint.FunctionShape shape)
            implements FootprintBreach {
        @Override
        public String rule() {
            return "DeniedFunctionShape";
        }

        @Override
        public String describe() {
            return resource + " has " + memoryMb + " MB and a " + timeoutSeconds + " s timeout, at or above"
                    + " DeniedFunctionShape (" + shape.memoryMb() + " MB, " + shape.timeoutSeconds() + " s)";
        }
    }
}

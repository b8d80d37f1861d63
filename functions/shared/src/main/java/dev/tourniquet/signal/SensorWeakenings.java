package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Which calls on CloudTrail and GuardDuty weaken them, from the call's own parameters: a call that leaves the
 * sensor as strong as before (a trail made multi-region, a filter that does not archive, an IP list deactivated) is
 * not tampering.
 */
public final class SensorWeakenings {
    private SensorWeakenings() {}

    /** The weakening of a CloudTrail call, if it is one. */
    static Optional<Weakening> cloudTrail(String eventName, JsonNode request) {
        return switch (eventName) {
            case "StopLogging" -> Optional.of(Weakening.TRAIL_STOPPED);
            case "DeleteTrail" -> Optional.of(Weakening.TRAIL_DELETED);
            case "UpdateTrail" -> isFalse(request, "isMultiRegionTrail") || isFalse(request, "includeGlobalServiceEvents")
                    ? Optional.of(Weakening.TRAIL_NARROWED) : Optional.empty();
            case "PutEventSelectors" -> recordsManagementWrites(request) ? Optional.empty()
                    : Optional.of(Weakening.EVENT_SELECTORS_NARROWED);
            case "PutInsightSelectors" -> Optional.of(Weakening.INSIGHT_SELECTORS_CHANGED);
            default -> Optional.empty();
        };
    }

    /** The weakening of a GuardDuty call, if it is one. */
    static Optional<Weakening> guardDuty(String eventName, JsonNode request) {
        return switch (eventName) {
            case "DeleteDetector" -> Optional.of(Weakening.DETECTOR_DELETED);
            case "UpdateDetector" -> disablesDetector(request) ? Optional.of(Weakening.DETECTOR_DISABLED) : Optional.empty();
            case "DisassociateFromAdministratorAccount", "DisassociateFromMasterAccount" ->
                    Optional.of(Weakening.ADMINISTRATOR_DISASSOCIATED);
            case "CreateFilter" -> archives(request) ? Optional.of(Weakening.ARCHIVE_FILTER_CREATED) : Optional.empty();
            case "UpdateFilter" -> archives(request) ? Optional.of(Weakening.ARCHIVE_FILTER_UPDATED) : Optional.empty();
            case "CreateIPSet", "UpdateIPSet" -> request.path("activate").asBoolean(false)
                    ? Optional.of(Weakening.TRUSTED_IP_SET) : Optional.empty();
            case "StopMonitoringMembers" -> Optional.of(Weakening.MEMBERS_UNMONITORED);
            default -> Optional.empty();
        };
    }

    /**
     * The weakening of a Bedrock call, if it is one: logging deleted, or put without a destination or without the
     * prompts' text ({@code textDataDeliveryEnabled} false). A put that only moves the logs elsewhere is not judged here
     * (README "Bedrock and LLMjacking").
     */
    static Optional<Weakening> bedrock(String eventName, JsonNode request) {
        return switch (eventName) {
            case "DeleteModelInvocationLoggingConfiguration" -> Optional.of(Weakening.MODEL_LOGGING_DELETED);
            case "PutModelInvocationLoggingConfiguration" -> weakensLogging(request.path("loggingConfig"))
                    ? Optional.of(Weakening.MODEL_LOGGING_WEAKENED) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static boolean weakensLogging(JsonNode config) {
        boolean destination = config.path("cloudWatchConfig").isObject() || config.path("s3Config").isObject();
        return !destination || !config.path("textDataDeliveryEnabled").asBoolean(false);
    }

    /**
     * Whether a trail's selectors record management write events: a basic selector that includes management
     * events (the default) for writes ({@code All} or {@code WriteOnly}, the default All), or an advanced selector on
     * {@code eventCategory = Management} that is not limited to reads. No selector at all is the default: all
     * management events.
     *
     * @param selectors an object with {@code eventSelectors} and/or {@code advancedEventSelectors}
     */
    public static boolean recordsManagementWrites(JsonNode selectors) {
        JsonNode basic = selectors.path("eventSelectors");
        JsonNode advanced = selectors.path("advancedEventSelectors");
        if (basic.isEmpty() && advanced.isEmpty()) {
            return true;
        }
        for (JsonNode selector : basic) {
            String readWrite = selector.path("readWriteType").asText("All");
            if (selector.path("includeManagementEvents").asBoolean(true) && !"ReadOnly".equals(readWrite)) {
                return true;
            }
        }
        for (JsonNode selector : advanced) {
            boolean management = false;
            boolean readsOnly = false;
            for (JsonNode field : selector.path("fieldSelectors")) {
                String name = field.path("field").asText();
                if ("eventCategory".equals(name) && contains(field.path("equals"), "Management")) {
                    management = true;
                }
                if ("readOnly".equals(name) && contains(field.path("equals"), "true")) {
                    readsOnly = true;
                }
            }
            if (management && !readsOnly) {
                return true;
            }
        }
        return false;
    }

    // enable=false, a feature DISABLED, or a data source turned off (dataSources.s3Logs.enable=false, nested too).
    static boolean disablesDetector(JsonNode request) {
        if (isFalse(request, "enable")) {
            return true;
        }
        for (JsonNode feature : request.path("features")) {
            if ("DISABLED".equals(feature.path("status").asText())) {
                return true;
            }
            for (JsonNode additional : feature.path("additionalConfiguration")) {
                if ("DISABLED".equals(additional.path("status").asText())) {
                    return true;
                }
            }
        }
        return anyEnableFalse(request.path("dataSources"));
    }

    private static boolean anyEnableFalse(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        if (isFalse(node, "enable")) {
            return true;
        }
        for (JsonNode child : node) {
            if (anyEnableFalse(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean archives(JsonNode request) {
        return "ARCHIVE".equalsIgnoreCase(request.path("action").asText());
    }

    private static boolean isFalse(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? !value.asBoolean() : "false".equalsIgnoreCase(value.asText());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }
}

package dev.tourniquet.step.lambda;

import dev.tourniquet.signal.FunctionArn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Reads of one function that several steps share. Absent things (no policy, no URL) are empty, not errors. */
final class FunctionReads {
    /** The function itself ({@code null} qualifier) and each alias: URLs and permissions exist per qualifier. */
    static List<String> qualifiers(List<String> aliases) {
        List<String> qualifiers = new ArrayList<>();
        qualifiers.add(null);
        qualifiers.addAll(aliases);
        return qualifiers;
    }

    static String label(String qualifier) {
        return qualifier == null ? "$unqualified" : qualifier;
    }

    /**
     * The event source mappings of the function, its versions and aliases. Every mapping of the region is
     * listed and filtered by function ARN: a {@code FunctionName} filter matches only the exact name or ARN
     * a mapping was created with (a mapping on an alias would be missed).
     */
    static List<EventSourceMappingConfiguration> eventSourceMappings(LambdaClient lambda, FunctionArn function) {
        List<EventSourceMappingConfiguration> found = new ArrayList<>();
        String arn = function.unqualified();
        String marker = null;
        do {
            String from = marker;
            ListEventSourceMappingsResponse page = lambda.listEventSourceMappings(r -> r.marker(from));
            page.eventSourceMappings().stream()
                    .filter(m -> arn.equals(m.functionArn()) || (m.functionArn() != null
                            && m.functionArn().startsWith(arn + ":")))
                    .forEach(found::add);
            marker = page.nextMarker();
        } while (marker != null && !marker.isEmpty());
        return found;
    }

    static Optional<GetPolicyResponse> policy(LambdaClient lambda, FunctionArn function, String qualifier) {
        try {
            return Optional.of(lambda.getPolicy(r -> r.functionName(function.name()).qualifier(qualifier)));
        } catch (ResourceNotFoundException none) {
            return Optional.empty();
        }
    }

    static Optional<GetFunctionUrlConfigResponse> url(LambdaClient lambda, FunctionArn function, String qualifier) {
        try {
            return Optional.of(lambda.getFunctionUrlConfig(r -> r.functionName(function.name())
                    .qualifier(qualifier)));
        } catch (ResourceNotFoundException none) {
            return Optional.empty();
        }
    }

    private FunctionReads() {}
}

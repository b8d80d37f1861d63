package dev.tourniquet.step.tampering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.step.lambda.LambdaClients;

/**
 * The undo of each own-resource step ({@link TamperingStepKinds}) from its recorded prior state (which holds the
 * region): the state the tampering left, put back only because the owner asked with {@code ./tourniquet release}.
 */
final class TamperingReversals {
    private TamperingReversals() {}

    static String restoreConcurrency(JsonNode prior, String functionArn, AwsClients clients) {
        var lambda = LambdaClients.lambda(clients, prior.path("region").asText());
        String name = prior.path("functionName").asText();
        JsonNode value = prior.path("reservedConcurrentExecutions");
        if (value.isNull() || value.isMissingNode()) {
            lambda.deleteFunctionConcurrency(r -> r.functionName(name));
            return "reserved concurrency of " + name + " removed, as it was";
        }
        lambda.putFunctionConcurrency(r -> r.functionName(name).reservedConcurrentExecutions(value.asInt()));
        return "reserved concurrency of " + name + " set back to " + value.asInt();
    }

    static String disableRule(JsonNode prior, String ruleArn, AwsClients clients) {
        if (!"DISABLED".equals(prior.path("state").asText())) {
            return "rule " + ruleArn + " was enabled before: left enabled";
        }
        LambdaClients.events(clients, prior.path("region").asText()).disableRule(r -> r.name(prior.path("name").asText())
                .eventBusName(prior.path("eventBusName").asText("default")));
        return "rule " + ruleArn + " disabled again, as it was";
    }

    static String restoreTargets(JsonNode prior, String ruleArn, AwsClients clients) {
        var events = LambdaClients.events(clients, prior.path("region").asText());
        String name = prior.path("name").asText();
        String bus = prior.path("eventBusName").asText("default");
        java.util.List<String> now = events.listTargetsByRule(r -> r.rule(name).eventBusName(bus)).targets().stream()
                .map(software.amazon.awssdk.services.eventbridge.model.Target::id).toList();
        if (!now.isEmpty()) {
            events.removeTargets(r -> r.rule(name).eventBusName(bus).ids(now));
        }
        if (!prior.path("targets").isEmpty()) {
            events.putTargets(r -> r.rule(name).eventBusName(bus).targets(RuleTargets.fromJson(prior.path("targets"))));
        }
        return "targets of rule " + ruleArn + " set back to " + prior.path("targets").size() + " recorded";
    }

    static String unprotectStack(JsonNode prior, String stackId, AwsClients clients) {
        if (prior.path("terminationProtection").asBoolean(true)) {
            return "stack " + stackId + " was protected before: left protected";
        }
        OwnStackClients.cloudFormation(clients, prior.path("region").asText()).updateTerminationProtection(r -> r
                .stackName(stackId).enableTerminationProtection(false));
        return "termination protection of " + stackId + " turned off again, as it was";
    }
}

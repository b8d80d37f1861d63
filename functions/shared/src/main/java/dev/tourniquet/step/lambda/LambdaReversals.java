package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AlreadyDone;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.Reversal;
import dev.tourniquet.step.events.RuleCuts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * The undo of each function step ({@link LambdaStepKinds}), from its recorded prior state (which holds the
 * region). Each restores exactly what the step changed and nothing else; evidence has no undo.
 */
final class LambdaReversals {
    private LambdaReversals() {}

    /** A reversal body: prior state, the function ARN, clients → what was restored. */
    interface Body {
        String release(JsonNode prior, String functionArn, AwsClients clients);
    }

    /** The reversal that runs {@code body} on the function the prior state names (the target otherwise). */
    static Reversal of(Body body) {
        return (prior, target, clients) -> body.release(prior, prior.path("functionArn").asText(target), clients);
    }

    private static LambdaClient lambda(JsonNode prior, String arn, AwsClients clients) {
        String region = Json.text(prior, "/region").orElseGet(() -> FunctionArn.parse(arn).orElseThrow().region());
        return LambdaClients.lambda(clients, region);
    }

    private static String name(String arn) {
        return FunctionArn.parse(arn).map(FunctionArn::name).orElse(arn);
    }

    static String restoreConcurrency(JsonNode prior, String arn, AwsClients clients) {
        JsonNode value = prior.path("reservedConcurrentExecutions");
        if (value.isNull() || value.isMissingNode()) {
            lambda(prior, arn, clients).deleteFunctionConcurrency(r -> r.functionName(name(arn)));
            return "reserved concurrency of " + arn + " removed (it was unreserved)";
        }
        lambda(prior, arn, clients).putFunctionConcurrency(r -> r.functionName(name(arn))
                .reservedConcurrentExecutions(value.asInt()));
        return "reserved concurrency of " + arn + " set back to " + value.asInt();
    }

    static String enableMappings(JsonNode prior, String arn, AwsClients clients) {
        List<String> enabled = new ArrayList<>();
        for (JsonNode mapping : prior.path("mappings")) {
            String state = mapping.path("state").asText();
            if (!"Disabled".equals(state) && !"Disabling".equals(state)) {
                String uuid = mapping.path("uuid").asText();
                lambda(prior, arn, clients).updateEventSourceMapping(r -> r.uuid(uuid).enabled(true));
                enabled.add(uuid);
            }
        }
        return "event source mappings of " + arn + " enabled again: " + enabled;
    }

    static String restorePermissions(JsonNode prior, String arn, AwsClients clients) {
        List<String> restored = new ArrayList<>();
        for (JsonNode entry : prior.path("removedStatements")) {
            JsonNode s = entry.path("statement");
            String qualifier = Json.text(entry, "/qualifier").orElse(null);
            JsonNode action = s.path("Action").isArray() ? s.path("Action").get(0) : s.path("Action");
            // A statement already back (a release run again after an answer was lost) is left as it is.
            AlreadyDone.unless(() -> lambda(prior, arn, clients).addPermission(r -> r.functionName(name(arn))
                    .qualifier(qualifier)
                    .statementId(s.path("Sid").asText()).action(action.asText())
                    .principal(InvokePolicies.principalOf(s))
                    .sourceArn(condition(s, "AWS:SourceArn").orElse(null))
                    .sourceAccount(condition(s, "AWS:SourceAccount").orElse(null))
                    .principalOrgID(condition(s, "aws:PrincipalOrgID").orElse(null))
                    .functionUrlAuthType(condition(s, "lambda:FunctionUrlAuthType").orElse(null))),
                    "ResourceConflictException");
            restored.add(s.path("Sid").asText());
        }
        return "invoke permissions of " + arn + " put back: " + restored;
    }

    // IAM condition keys are case-insensitive; Lambda writes AWS:SourceArn, people write aws:SourceArn.
    private static Optional<String> condition(JsonNode statement, String key) {
        return InvokePolicies.condition(statement, key)
                .or(() -> InvokePolicies.condition(statement, key.substring(0, 3).toLowerCase() + key.substring(3)))
                .or(() -> InvokePolicies.condition(statement, key.substring(0, 3).toUpperCase() + key.substring(3)));
    }

    static String reopenUrls(JsonNode prior, String arn, AwsClients clients) {
        List<String> reopened = new ArrayList<>();
        for (JsonNode url : prior.path("urls")) {
            if ("NONE".equals(url.path("authType").asText())) {
                String qualifier = Json.text(url, "/qualifier").orElse(null);
                lambda(prior, arn, clients).updateFunctionUrlConfig(r -> r.functionName(name(arn)).qualifier(qualifier)
                        .authType(FunctionUrlAuthType.NONE));
                reopened.add(url.path("functionUrl").asText());
            }
        }
        return "function URLs of " + arn + " public again: " + reopened;
    }

    // Records made before targets were removed singly have no action: their rules were disabled.
    static String restoreRules(JsonNode prior, String arn, AwsClients clients) {
        EventBridgeClient events = LambdaClients.events(clients, prior.path("region").asText());
        return "rules targeting " + arn + " restored: " + RuleCuts.restore(events, prior.path("rules"),
                RuleCuts.DISABLED, RuleTargets::fromJson);
    }

    static String enableSchedules(JsonNode prior, String arn, AwsClients clients) {
        SchedulerClient scheduler = LambdaClients.scheduler(clients, prior.path("region").asText());
        List<String> enabled = new ArrayList<>();
        for (JsonNode schedule : prior.path("schedules")) {
            if ("ENABLED".equals(schedule.path("State").asText())) {
                String group = schedule.path("GroupName").asText();
                String name = schedule.path("Name").asText();
                scheduler.updateSchedule(Schedules.withState(scheduler.getSchedule(r -> r.groupName(group).name(name)),
                        ScheduleState.ENABLED));
                enabled.add(group + "/" + name);
            }
        }
        return "schedules targeting " + arn + " enabled again: " + enabled;
    }

    static String restoreTag(JsonNode prior, String arn, AwsClients clients) {
        String key = prior.path("tagKey").asText(TagFunction.TAG_KEY);
        Optional<String> value = Json.text(prior, "/value");
        if (value.isPresent()) {
            lambda(prior, arn, clients).tagResource(r -> r.resource(arn).tags(Map.of(key, value.get())));
            return "tag " + key + " of " + arn + " set back to " + value.get();
        }
        lambda(prior, arn, clients).untagResource(r -> r.resource(arn).tagKeys(key));
        return "tag " + key + " removed from " + arn;
    }
}

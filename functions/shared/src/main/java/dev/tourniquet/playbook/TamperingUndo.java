package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.Tampering;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.bedrock.ModelInvocationLogging;
import dev.tourniquet.step.bedrock.RestoreModelInvocationLogging;
import dev.tourniquet.step.cloudtrail.RestoreEventSelectors;
import dev.tourniquet.step.cloudtrail.RestoreInsightSelectors;
import dev.tourniquet.step.cloudtrail.RestoreTrailSettings;
import dev.tourniquet.step.cloudtrail.StartTrailLogging;
import dev.tourniquet.step.cloudtrail.TrailConfiguration;
import dev.tourniquet.step.guardduty.DeactivateIpSet;
import dev.tourniquet.step.guardduty.DetectorConfiguration;
import dev.tourniquet.step.guardduty.DisarmArchiveFilter;
import dev.tourniquet.step.guardduty.EnableDetector;
import dev.tourniquet.step.lambda.LambdaClients;
import dev.tourniquet.step.tampering.EnableOwnRule;
import dev.tourniquet.step.tampering.OwnStackClients;
import dev.tourniquet.step.tampering.ProtectOwnStack;
import dev.tourniquet.step.tampering.RestoreOwnConcurrency;
import dev.tourniquet.step.tampering.RestoreOwnRuleTargets;
import java.util.List;
import java.util.Optional;

/**
 * The steps that undo one kind of tampering, in the region where it happened, and what only a person or a redeploy can
 * put back (a deleted trail or detector, a changed role, a function's code).
 */
final class TamperingUndo {
    private final AwsClients clients;

    TamperingUndo(AwsClients clients) {
        this.clients = clients;
    }

    List<Step> steps(Tampering t) {
        String region = t.region();
        String resource = t.resource();
        return switch (t.weakening()) {
            case TRAIL_STOPPED -> List.of(new StartTrailLogging(TrailConfiguration.client(clients, region), region, resource));
            case TRAIL_NARROWED -> List.of(new RestoreTrailSettings(TrailConfiguration.client(clients, region), region,
                    resource, t.baseline()));
            case EVENT_SELECTORS_NARROWED -> List.of(new RestoreEventSelectors(TrailConfiguration.client(clients, region),
                    region, resource, t.baseline()));
            case INSIGHT_SELECTORS_CHANGED -> List.of(new RestoreInsightSelectors(TrailConfiguration.client(clients,
                    region), region, resource, t.baseline()));
            case DETECTOR_DISABLED -> List.of(new EnableDetector(DetectorConfiguration.client(clients, region), region,
                    resource, t.baseline()));
            case ARCHIVE_FILTER_CREATED, ARCHIVE_FILTER_UPDATED -> Json.text(t.request(), "/name")
                    .or(() -> Json.text(t.request(), "/filterName")).or(() -> Json.text(t.request(), "/response/name"))
                    .<List<Step>>map(filter -> List.of(new DisarmArchiveFilter(DetectorConfiguration.client(clients, region),
                            region, resource, filter))).orElse(List.of());
            case TRUSTED_IP_SET -> Json.text(t.request(), "/ipSetId").or(() -> Json.text(t.request(), "/response/ipSetId"))
                    .<List<Step>>map(set -> List.of(new DeactivateIpSet(DetectorConfiguration.client(clients, region),
                            region, resource, set))).orElse(List.of());
            case OWN_FUNCTION_CONCURRENCY -> FunctionArn.parse(resource).<List<Step>>map(f -> List.of(
                    new RestoreOwnConcurrency(LambdaClients.lambda(clients, region), f, t.baseline()))).orElse(List.of());
            case OWN_RULE_DISABLED -> List.of(new EnableOwnRule(LambdaClients.events(clients, region), region, resource));
            case OWN_RULE_RETARGETED -> List.of(new RestoreOwnRuleTargets(LambdaClients.events(clients, region), region,
                    resource, t.baseline(), this::ownTarget));
            case MODEL_LOGGING_DELETED, MODEL_LOGGING_WEAKENED -> List.of(new RestoreModelInvocationLogging(
                    ModelInvocationLogging.client(clients, region), region, t.baseline()));
            case OWN_STACK_UNPROTECTED -> List.of(new ProtectOwnStack(OwnStackClients.cloudFormation(clients, region),
                    region, resource));
            default -> List.of();
        };
    }

    // Only Tourniquet's own functions, with its own dead-letter queue, are ever put back as targets of its rules.
    private boolean ownTarget(com.fasterxml.jackson.databind.JsonNode target) {
        var own = clients.configuration().ownStack();
        return own.isOwnFunction(target.path("arn").asText())
                && (!target.hasNonNull("deadLetterArn") || own.isOwn(target.path("deadLetterArn").asText()));
    }

    /** What is left for a person (or the next deploy) to put back, if anything. */
    Optional<String> byHand(Tampering t) {
        String resource = t.resource();
        return Optional.ofNullable(switch (t.weakening()) {
            case TRAIL_DELETED -> "Recreate trail " + resource + " (Tourniquet's own trail is recreated by the next"
                    + " deploy; the baseline in the records holds the deleted trail's settings).";
            case DETECTOR_DELETED -> "Create a GuardDuty detector again in " + t.region()
                    + " (aws guardduty create-detector --enable); the deleted detector's findings are gone.";
            case ADMINISTRATOR_DISASSOCIATED -> "The GuardDuty administrator account must invite this account again,"
                    + " and this account accept (aws guardduty accept-administrator-invitation).";
            case MEMBERS_UNMONITORED -> "Start monitoring the members again: aws guardduty start-monitoring-members"
                    + " --detector-id " + resource + " --account-ids " + Json.text(t.request(), "/accountIds/0").orElse("ID") + ".";
            case OWN_FUNCTION_CHANGED, OWN_RULE_CHANGED, OWN_RESOURCE_CHANGED -> "Tourniquet never modifies its own"
                    + " roles, functions or resources beyond this undo: redeploy it (sam deploy) to restore " + resource + ".";
            case OWN_STACK_CHANGED -> "Review the change to Tourniquet's stack; redeploy it (sam deploy) to restore it.";
            default -> null;
        });
    }
}

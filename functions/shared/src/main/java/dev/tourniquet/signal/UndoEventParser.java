package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Reads the CloudTrail records that may undo a containment into {@link ContainmentUndone} signals, one per
 * resource the call changed. Only the direction that undoes is read: a key made {@code Active}, a concurrency
 * above 0, a mapping enabled, security groups given to an instance; the opposite changes (Tourniquet's own) are
 * nothing. Whether the resource was contained is decided later, from the records. A function URL opened and a
 * public or cross-account invoke permission added are provenance as well: their records arrive through the
 * provenance rule.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html">Lambda event names</a>
 */
final class UndoEventParser {
    static final Set<String> EVENTS = Set.of("UpdateAccessKey", "DetachUserPolicy", "DeleteUserPolicy",
            "DetachRolePolicy", "DeleteRolePolicy", "PutFunctionConcurrency20171031",
            "DeleteFunctionConcurrency20171031", "UpdateEventSourceMapping20150331", "UpdateFunctionUrlConfig20211031",
            "CreateFunctionUrlConfig20211031", "AddPermission20150331v2", "PutTargets", "UpdateSchedule",
            "EnableRule", "StartInstances", "ModifyInstanceAttribute", "ModifyNetworkInterfaceAttribute",
            "AssociateIamInstanceProfile", "UpdateService", "StartNotebookInstance", "UpdateComputeEnvironment",
            "UpdateJobQueue");

    private UndoEventParser() {}

    /** The signals of one successful CloudTrail record (none when the call restores nothing Tourniquet cut). */
    static List<Signal> parse(JsonNode record, Origin origin) {
        JsonNode request = record.path("requestParameters");
        String region = Json.text(record, "/awsRegion").orElse(origin.region());
        String account = Json.text(record, "/recipientAccountId").orElse(origin.accountId());
        ContainmentUndone.Caller caller = new ContainmentUndone.Caller(Json.text(record, "/userIdentity/arn")
                .orElse(""), Json.text(record, "/userIdentity/type").orElse("Unknown"),
                Json.text(record, "/userIdentity/accessKeyId"), Json.text(record, "/userIdentity/invokedBy"));
        String action = Json.text(record, "/eventName").orElse("");
        Map<String, String> parameters = new HashMap<>();
        List<String> resources = new ArrayList<>();
        switch (action) {
            case "UpdateAccessKey" -> {
                if ("Active".equalsIgnoreCase(Json.text(request, "/status").orElse(""))) {
                    Json.text(request, "/accessKeyId").ifPresent(resources::add);
                }
            }
            case "DetachUserPolicy", "DeleteUserPolicy" -> iam(request, "/userName", "user/", parameters, resources);
            case "DetachRolePolicy", "DeleteRolePolicy" -> iam(request, "/roleName", "role/", parameters, resources);
            case "PutFunctionConcurrency20171031" -> {
                if (request.path("reservedConcurrentExecutions").asInt(0) > 0) {
                    function(Json.text(request, "/functionName"), region, account, origin).ifPresent(resources::add);
                }
            }
            case "DeleteFunctionConcurrency20171031" ->
                    function(Json.text(request, "/functionName"), region, account, origin).ifPresent(resources::add);
            case "UpdateEventSourceMapping20150331" -> {
                if (request.path("enabled").asBoolean(false)) {
                    function(Json.text(record, "/responseElements/functionArn"), region, account, origin)
                            .ifPresent(resources::add);
                }
            }
            case "UpdateFunctionUrlConfig20211031", "CreateFunctionUrlConfig20211031" -> {
                if ("NONE".equals(Json.text(request, "/authType").orElse(""))) {
                    function(Json.text(request, "/functionName"), region, account, origin).ifPresent(resources::add);
                }
            }
            case "AddPermission20150331v2" -> {
                if (publicOrForeign(Json.text(request, "/principal").orElse(""), account)) {
                    function(Json.text(request, "/functionName"), region, account, origin).ifPresent(resources::add);
                }
            }
            // A function put back as a rule's target, or a schedule enabled again that invokes one.
            case "PutTargets" -> {
                request.path("targets").forEach(target -> lambda(Json.text(target, "/arn")).ifPresent(resources::add));
                // A target that starts a workload (an ECS cluster, a CodeBuild project, a Batch queue) names no
                // workload exactly: the rule it was put back on is what a respawn-trigger cut holds.
                if (StreamSupport.stream(request.path("targets").spliterator(), false)
                        .anyMatch(target -> lambda(Json.text(target, "/arn")).isEmpty())) {
                    Json.text(request, "/rule").ifPresent(rule -> resources.add(ContainmentUndone.ruleKey(region,
                            Json.text(request, "/eventBusName").orElse(""), rule)));
                }
            }
            case "UpdateSchedule" -> {
                if ("ENABLED".equals(Json.text(request, "/state").orElse("ENABLED"))) {
                    Optional<String> function = lambda(Json.text(request, "/target/arn"));
                    function.ifPresent(resources::add);
                    // A schedule that starts a workload is held by its name, as a respawn-trigger cut recorded it.
                    if (function.isEmpty()) {
                        Json.text(request, "/name").ifPresent(name -> resources.add(ContainmentUndone.scheduleKey(
                                region, Json.text(request, "/groupName").orElse(""), name)));
                    }
                }
            }
            case "StartInstances" -> request.path("instancesSet").path("items")
                    .forEach(item -> Json.text(item, "/instanceId").ifPresent(resources::add));
            case "ModifyInstanceAttribute" -> {
                if (request.has("groupSet")) {
                    Json.text(request, "/instanceId").ifPresent(resources::add);
                }
            }
            case "ModifyNetworkInterfaceAttribute" -> {
                if (request.has("groupSet")) {
                    Json.text(request, "/networkInterfaceId").ifPresent(resources::add);
                }
            }
            case "EnableRule" -> Json.text(request, "/name").ifPresent(name -> resources.add(ContainmentUndone.ruleKey(
                    region, Json.text(request, "/eventBusName").orElse(""), name)));
            // An ECS service scaled back up: its containment (scale-service-to-zero) undone.
            case "UpdateService" -> {
                if (request.path("desiredCount").asInt(0) > 0) {
                    Json.text(request, "/service").ifPresent(named -> resources.add(EcsEventReader.serviceArnOf(named,
                            Json.text(request, "/cluster"), origin.partition(), region, account)));
                }
            }
            // A stopped notebook started again: its containment (stop-notebook-instance) undone. Named as SageMaker
            // writes its ARN: the name lower-cased.
            case "StartNotebookInstance" -> Json.text(request, "/notebookInstanceName").ifPresent(name -> resources.add(
                    "arn:" + origin.partition() + ":sagemaker:" + region + ":" + account + ":notebook-instance/"
                            + name.toLowerCase(java.util.Locale.ROOT)));
            // A disabled compute environment enabled again or given vCPUs again (either undoes
            // disable-compute-environment), a disabled job queue enabled again.
            case "UpdateComputeEnvironment" -> {
                if ("ENABLED".equals(Json.text(request, "/state").orElse(""))
                        || request.at("/computeResources/maxvCpus").asInt(0) > 0) {
                    batch(Json.text(request, "/computeEnvironment"), "compute-environment", region, account, origin)
                            .ifPresent(resources::add);
                }
            }
            case "UpdateJobQueue" -> {
                if ("ENABLED".equals(Json.text(request, "/state").orElse(""))) {
                    batch(Json.text(request, "/jobQueue"), "job-queue", region, account, origin)
                            .ifPresent(resources::add);
                }
            }
            case "AssociateIamInstanceProfile" ->
                    Json.text(request, "/AssociateIamInstanceProfileRequest/InstanceId").ifPresent(resources::add);
            default -> { }
        }
        return resources.stream().<Signal>map(resource -> new ContainmentUndone(origin, action, resource, parameters,
                caller, Optional.empty())).toList();
    }

    private static void iam(JsonNode request, String nameField, String prefix, Map<String, String> parameters,
                            List<String> resources) {
        Json.text(request, "/policyArn").ifPresent(arn -> parameters.put("policyArn", arn));
        Json.text(request, "/policyName").ifPresent(name -> parameters.put("policyName", name));
        Json.text(request, nameField).ifPresent(name -> resources.add(prefix + name));
    }

    // Who may invoke: anyone, or another account (its id or an ARN in it); not a service of this account.
    private static boolean publicOrForeign(String principal, String account) {
        return "*".equals(principal) || (principal.matches(".*\\d{12}.*") && !principal.contains(account));
    }

    private static Optional<String> lambda(Optional<String> arn) {
        return arn.flatMap(FunctionArn::parse).map(FunctionArn::unqualified);
    }

    // A Batch environment or queue named by its name or its ARN: its ARN, as the disable steps name it.
    private static Optional<String> batch(Optional<String> named, String kind, String region, String account,
                                          Origin origin) {
        return named.map(name -> name.startsWith("arn:") ? name
                : "arn:" + origin.partition() + ":batch:" + region + ":" + account + ":" + kind + "/" + name);
    }

    // A name or an ARN (any qualifier dropped): the function's unqualified ARN, as the quarantine steps name it.
    private static Optional<String> function(Optional<String> named, String region, String account, Origin origin) {
        return named.map(name -> FunctionArn.parse(name).map(FunctionArn::unqualified)
                .orElse("arn:" + origin.partition() + ":lambda:" + region + ":" + account + ":function:" + name));
    }
}

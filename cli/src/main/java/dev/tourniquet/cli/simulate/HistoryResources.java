package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Resources} CloudTrail's event history lists for a record of the attacker's calls (what
 * {@code LookupEvents} filters on with {@code ResourceName} and {@code ResourceType}): the function, the
 * instances, the user, its key, the role, the attached policy.
 */
final class HistoryResources {
    private HistoryResources() {}

    /** One resource of an event in the history. */
    record Resource(String type, String name) {
    }

    static List<Resource> of(JsonNode record) {
        JsonNode request = record.path("requestParameters");
        JsonNode response = record.path("responseElements");
        List<Resource> resources = new ArrayList<>();
        switch (record.path("eventSource").asText()) {
            case "lambda.amazonaws.com" -> add(resources, "AWS::Lambda::Function", request.path("functionName"));
            case "ec2.amazonaws.com" -> response.at("/instancesSet/items").forEach(item ->
                    add(resources, "AWS::EC2::Instance", item.path("instanceId")));
            case "iam.amazonaws.com" -> {
                add(resources, "AWS::IAM::User", request.path("userName"));
                add(resources, "AWS::IAM::AccessKey", response.at("/accessKey/accessKeyId"));
                add(resources, "AWS::IAM::Role", request.path("roleName"));
                add(resources, "AWS::IAM::Policy", request.path("policyArn"));
            }
            case "events.amazonaws.com" -> add(resources, "AWS::Events::Rule",
                    request.has("name") ? request.path("name") : request.path("rule"));
            default -> {
                // nothing listed
            }
        }
        return resources;
    }

    private static void add(List<Resource> resources, String type, JsonNode name) {
        if (name.isTextual() && !name.asText().isEmpty()) {
            resources.add(new Resource(type, name.asText()));
        }
    }
}

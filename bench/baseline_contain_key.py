#!/usr/bin/env python3
"""The Python baseline of `./tourniquet bench`: contains one exposed access key with boto3.

It makes the same AWS calls, in the same order, as Tourniquet's credential function does for an AWS Health
AWS_RISK_CREDENTIALS_EXPOSED event, from a fresh interpreter:

  dynamodb:UpdateItem (newest revision of the finding, conditional)  dynamodb:PutItem (claim the incident, conditional)
  iam:GetAccessKeyLastUsed  iam:GetUser
  iam:ListAccessKeys  iam:UpdateAccessKey  iam:ListAccessKeys (verify)
  iam:ListUserPolicies  iam:ListAttachedUserPolicies  iam:PutUserPolicy  iam:GetUserPolicy (verify)
  events:PutEvents  s3:PutObject x4 (event, prior state, actions, SHA-256 manifest; Object Lock)
  dynamodb:GetItem (steps an earlier attempt recorded)  dynamodb:UpdateItem (close the incident)  sns:Publish (alert)

Each client is created when first needed, the way a careful script would. It prints the same JSON line
the Java function logs when the key is verified inactive (the benchmark timestamps it), and at the end
its peak resident set size and CPU time. Settings come from the same environment variables as the function
(TOURNIQUET_ENDPOINT, AWS_REGION, TABLE_NAME, BUCKET_NAME, TOPIC_ARN, BUS_NAME).

usage: baseline_contain_key.py EVENT.json
"""
import datetime
import hashlib
import json
import os
import sys
import time

import boto3
from botocore.config import Config

ENV = os.environ
REGION = ENV.get("AWS_REGION", "us-east-1")
ENDPOINT = ENV.get("TOURNIQUET_ENDPOINT") or None
TABLE = ENV.get("TABLE_NAME", "tourniquet-incidents")
BUCKET = ENV.get("BUCKET_NAME", "tourniquet-evidence")
TOPIC = ENV.get("TOPIC_ARN", "arn:aws:sns:%s:123456789012:tourniquet-alerts" % REGION)
BUS = ENV.get("BUS_NAME", "tourniquet")
QUARANTINE = "TourniquetQuarantine"
DENY_ALL = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "TourniquetQuarantine", "Effect": "Deny", "Action": "*", "Resource": "*"}]})

_clients = {}


def client(service):
    if service not in _clients:
        config = Config(retries={"mode": "standard"}, s3={"addressing_style": "path"} if ENDPOINT else None)
        _clients[service] = boto3.client(service, region_name=REGION, endpoint_url=ENDPOINT, config=config)
    return _clients[service]


def log(message, **fields):
    line = {"timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(), "level": "INFO",
            "logger": "baseline", "message": message}
    line.update(fields)
    print(json.dumps(line), flush=True)


def until(shows):
    for pause in (0, 0.1, 0.25, 0.5, 1, 2):
        time.sleep(pause)
        if shows():
            return
    raise RuntimeError("applied, but re-reading does not show it yet")


def claim(incident_id, key_id, finding_id, revision):
    # A finding revision older than one already handled is stale: the same guard the function keeps.
    client("dynamodb").update_item(
        TableName=TABLE, Key={"pk": {"S": "FINDING#%s#%s" % (finding_id, key_id)}, "sk": {"S": "LATEST"}},
        UpdateExpression="SET revision = :revision",
        ConditionExpression="attribute_not_exists(pk) OR revision <= :revision",
        ExpressionAttributeValues={":revision": {"S": revision}})
    client("dynamodb").put_item(TableName=TABLE, ConditionExpression="attribute_not_exists(pk)", Item={
        "pk": {"S": "INCIDENT#" + incident_id}, "sk": {"S": "INCIDENT"}, "incidentId": {"S": incident_id},
        "status": {"S": "OPEN"}, "signalType": {"S": "access_key"}, "subject": {"S": key_id},
        "createdAt": {"S": datetime.datetime.now(datetime.timezone.utc).isoformat()}, "attempts": {"N": "1"}})


def deactivate(user, key_id):
    iam = client("iam")
    keys = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
    prior = {k["AccessKeyId"]: k["Status"] for k in keys}
    iam.update_access_key(UserName=user, AccessKeyId=key_id, Status="Inactive")
    until(lambda: any(k["AccessKeyId"] == key_id and k["Status"] == "Inactive"
                      for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]))
    return {"step": "deactivate-access-key", "target": key_id, "result": "applied", "prior": prior}


def quarantine(user):
    iam = client("iam")
    inline = iam.list_user_policies(UserName=user)["PolicyNames"]
    attached = [p["PolicyArn"] for p in iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]]
    iam.put_user_policy(UserName=user, PolicyName=QUARANTINE, PolicyDocument=DENY_ALL)
    until(lambda: iam.get_user_policy(UserName=user, PolicyName=QUARANTINE)["PolicyDocument"] is not None)
    return {"step": "attach-quarantine-policy", "target": "user/" + user, "result": "applied",
            "prior": {"inlinePolicies": inline, "attachedPolicies": attached}}


def announce(incident_id, key_id, user_arn):
    detail = {"accessKeyId": key_id, "principalType": "IAMUser", "principalArn": user_arn, "incidentId": incident_id}
    client("events").put_events(Entries=[{"EventBusName": BUS, "Source": "tourniquet",
                                          "DetailType": "Credential Contained", "Detail": json.dumps(detail)}])
    return {"step": "emit-credential-contained", "target": key_id, "result": "applied"}


def evidence(incident_id, objects):
    s3 = client("s3")
    prefix = "incidents/%s/" % incident_id
    retain = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    manifest = {"algorithm": "SHA-256", "objects": []}

    def put(name, body):
        digest = hashlib.sha256(body).hexdigest()
        response = s3.put_object(Bucket=BUCKET, Key=prefix + name, Body=body, ContentType="application/json",
                                 Metadata={"sha256": digest}, ObjectLockMode="GOVERNANCE",
                                 ObjectLockRetainUntilDate=retain)
        return {"key": prefix + name, "sha256": digest, "size": len(body), "versionId": response.get("VersionId", "")}

    for name, document in objects:
        manifest["objects"].append(put(name, json.dumps(document, indent=2).encode()))
    put("manifest.json", json.dumps(manifest, indent=2).encode())
    return "s3://%s/%s" % (BUCKET, prefix)


def main(path):
    with open(path) as f:
        event = json.load(f)
    key_id = event["detail"]["affectedEntities"][0]["entityValue"]
    finding_id = event["detail"].get("eventArn", event["id"])
    revision = event["detail"].get("lastUpdatedTime", "")
    incident_id = "inc-" + hashlib.sha256(("%s|%s" % (finding_id, key_id)).encode()).hexdigest()[:20]
    claim(incident_id, key_id, finding_id, revision)
    iam = client("iam")
    user = iam.get_access_key_last_used(AccessKeyId=key_id)["UserName"]
    user_arn = iam.get_user(UserName=user)["User"]["Arn"]
    steps = [deactivate(user, key_id)]
    log("step result", incident_id=incident_id, step="deactivate-access-key", resource_arn=key_id,
        step_result="applied")
    steps.append(quarantine(user))
    steps.append(announce(incident_id, key_id, user_arn))
    location = evidence(incident_id, [("event.json", event), ("prior-state.json", {s["step"]: s.get("prior") for s in steps}),
                                      ("actions.json", steps)])
    # The function merges its steps with an earlier attempt's record before closing: the same read here.
    client("dynamodb").get_item(TableName=TABLE, Key={"pk": {"S": "INCIDENT#" + incident_id}, "sk": {"S": "INCIDENT"}},
                                ConsistentRead=True)
    client("dynamodb").update_item(
        TableName=TABLE, Key={"pk": {"S": "INCIDENT#" + incident_id}, "sk": {"S": "INCIDENT"}},
        UpdateExpression="SET #status = :status, steps = :steps, evidence = :evidence",
        ExpressionAttributeNames={"#status": "status"},
        ExpressionAttributeValues={":status": {"S": "COMPLETED"}, ":steps": {"S": json.dumps(steps)},
                                   ":evidence": {"S": location}})
    client("sns").publish(TopicArn=TOPIC, Subject="Tourniquet contained access key " + key_id,
                          Message="deactivate-access-key on %s: applied\nundo: aws iam update-access-key "
                                  "--user-name %s --access-key-id %s --status Active" % (key_id, user, key_id))
    log("outcome", incident_id=incident_id, decision="act")
    times = os.times()
    print(json.dumps({"bench": "memory", "peak_rss_kb": peak_rss_kb(), "cpu_ms": int((times.user + times.system) * 1000),
                      "python": sys.version.split()[0]}), flush=True)


def peak_rss_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

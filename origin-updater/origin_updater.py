"""Keeps a Hub Wizard hub's HTTPS address on the hub's running task.

A hub without a load balancer is served by one Fargate task, whose public address changes whenever ECS
replaces the task: on a redeploy, and on its own when the task crashes, while nobody has Hub Wizard open.
The hub's CloudFront distribution reaches the task by its public DNS name. An EventBridge rule runs this
function whenever ECS says a task of the hub's service is RUNNING, and the function points the
distribution's origin at that task.

It is given (in its environment) the distribution's id and the id of the origin it keeps, and may do
only this: read network interfaces, and read and update that one distribution.
"""

import json
import logging
import os

import boto3
from botocore.exceptions import ClientError

log = logging.getLogger()
log.setLevel(logging.INFO)

# Another writer (Hub Wizard after a deploy) may update the distribution between our read and our
# write; CloudFront then refuses ours (PreconditionFailed) and we read again.
ATTEMPTS = 5


class NoPublicDnsName(Exception):
    """The task's network interface has no public DNS name: CloudFront cannot reach it."""


def handler(event, context=None):
    """The EventBridge target: an "ECS Task State Change" event for the hub's service."""
    detail = event.get("detail") or {}
    task = detail.get("taskArn", "?")
    if detail.get("lastStatus") != "RUNNING" or detail.get("desiredStatus") != "RUNNING":
        return outcome(task, "left alone", "the task is " + str(detail.get("lastStatus")) + ", not running")
    interface = network_interface(detail)
    if interface is None:
        return outcome(task, "left alone", "the task has no network interface in the event")
    name = public_dns_name(boto3.client("ec2"), interface)
    if name is None:
        return outcome(task, "left alone", "its network interface " + interface + " is gone: the task stopped")
    changed = point_origin(boto3.client("cloudfront"), os.environ["DISTRIBUTION_ID"], os.environ["ORIGIN_ID"],
                           name)
    return outcome(task, "origin set to " + name if changed else "origin already " + name, "")


def network_interface(detail):
    """The id of the task's elastic network interface (awsvpc), from the event's attachments."""
    for attachment in detail.get("attachments") or []:
        # "eni" in EventBridge's events; "ElasticNetworkInterface" in DescribeTasks.
        if attachment.get("type") not in ("eni", "ElasticNetworkInterface"):
            continue
        for pair in attachment.get("details") or []:
            if pair.get("name") == "networkInterfaceId":
                return pair.get("value")
    return None


def public_dns_name(ec2, interface):
    """The interface's public DNS name; None when the interface no longer exists."""
    try:
        found = ec2.describe_network_interfaces(NetworkInterfaceIds=[interface])["NetworkInterfaces"]
    except ClientError as e:
        if e.response["Error"]["Code"] == "InvalidNetworkInterfaceID.NotFound":
            return None
        raise
    if not found:
        return None
    name = (found[0].get("Association") or {}).get("PublicDnsName")
    if not name:
        raise NoPublicDnsName(
            "network interface " + interface + " has no public DNS name: the hub's VPC must have DNS host names "
            "on (and the task a public IP) for CloudFront to reach it")
    return name


def point_origin(cloudfront, distribution_id, origin_id, domain_name):
    """Points the origin at domain_name; True when the distribution changed, False when it already pointed there."""
    for attempt in range(1, ATTEMPTS + 1):
        current = cloudfront.get_distribution_config(Id=distribution_id)
        config = current["DistributionConfig"]
        origins = [o for o in config["Origins"]["Items"] if o["Id"] == origin_id]
        if not origins:
            raise KeyError("distribution " + distribution_id + " has no origin " + origin_id)
        if origins[0]["DomainName"] == domain_name:
            return False
        origins[0]["DomainName"] = domain_name
        try:
            cloudfront.update_distribution(Id=distribution_id, IfMatch=current["ETag"], DistributionConfig=config)
            return True
        except ClientError as e:
            if e.response["Error"]["Code"] != "PreconditionFailed" or attempt == ATTEMPTS:
                raise
            log.info(json.dumps({"distribution": distribution_id, "retry": attempt,
                                 "why": "changed by someone else meanwhile"}))
    return False


def outcome(task, what, why):
    result = {"task": task, "outcome": what}
    if why:
        result["why"] = why
    log.info(json.dumps(result))
    return result

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber

import origin_updater

ORIGIN = "hub"


def task_in_vpc(ec2, public_ip, dns_host_names=True):
    """A Fargate task's network interface in a VPC, with a public address as Fargate gives it."""
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": dns_host_names})
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/24")["Subnet"]["SubnetId"]
    interface = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
    allocation = ec2.allocate_address(Domain="vpc", Address=public_ip)["AllocationId"]
    ec2.associate_address(AllocationId=allocation, NetworkInterfaceId=interface)
    return interface


def dns_name_of(ec2, interface):
    return ec2.describe_network_interfaces(NetworkInterfaceIds=[interface])["NetworkInterfaces"][0]["Association"][
        "PublicDnsName"]


def distribution(cloudfront, origin):
    config = {
        "CallerReference": "test",
        "Comment": "Hub Wizard team-hub",
        "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": ORIGIN, "DomainName": origin,
            "CustomOriginConfig": {"HTTPPort": 8000, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only"}}]},
        "DefaultCacheBehavior": {"TargetOriginId": ORIGIN, "ViewerProtocolPolicy": "redirect-to-https",
                                 "CachePolicyId": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"},
    }
    return cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def origin_of(cloudfront, distribution_id):
    return cloudfront.get_distribution_config(Id=distribution_id)["DistributionConfig"]["Origins"]["Items"][0][
        "DomainName"]


def event(interface, last_status="RUNNING", desired_status="RUNNING"):
    """What ECS sends EventBridge when a task changes state (only the fields the function reads, and a few)."""
    return {
        "source": "aws.ecs",
        "detail-type": "ECS Task State Change",
        "detail": {
            "taskArn": "arn:aws:ecs:us-east-1:123456789012:task/team-hub-cluster/0123456789abcdef",
            "group": "service:team-hub-service",
            "lastStatus": last_status,
            "desiredStatus": desired_status,
            "attachments": [{"type": "eni", "status": "ATTACHED", "details": [
                {"name": "subnetId", "value": "subnet-1"},
                {"name": "networkInterfaceId", "value": interface},
                {"name": "privateIPv4Address", "value": "10.0.0.7"}]}],
        },
    }


@pytest.fixture
def hub(ec2, cloudfront, monkeypatch):
    interface = task_in_vpc(ec2, "198.51.100.7")
    distribution_id = distribution(cloudfront, "old-task.example.org")
    monkeypatch.setenv("DISTRIBUTION_ID", distribution_id)
    monkeypatch.setenv("ORIGIN_ID", ORIGIN)
    return interface, distribution_id


def updates(client):
    """Counts UpdateDistribution calls made with this client."""
    calls = []
    client.meta.events.register("before-call.cloudfront.UpdateDistribution", lambda **kwargs: calls.append(1))
    return calls


def test_a_running_task_becomes_the_origin(hub, ec2, cloudfront):
    interface, distribution_id = hub

    result = origin_updater.handler(event(interface))

    name = dns_name_of(ec2, interface)
    assert origin_of(cloudfront, distribution_id) == name
    assert result["outcome"] == "origin set to " + name


def test_an_origin_already_on_the_task_is_not_updated(hub, ec2, cloudfront):
    interface, distribution_id = hub
    name = dns_name_of(ec2, interface)
    counted = updates(cloudfront)

    assert origin_updater.point_origin(cloudfront, distribution_id, ORIGIN, "old-task.example.org") is False
    assert counted == []
    assert origin_updater.point_origin(cloudfront, distribution_id, ORIGIN, name) is True
    assert origin_updater.point_origin(cloudfront, distribution_id, ORIGIN, name) is False
    assert counted == [1]


def test_the_rest_of_the_distribution_stays_as_it_was(hub, cloudfront):
    interface, distribution_id = hub
    before = cloudfront.get_distribution_config(Id=distribution_id)["DistributionConfig"]

    origin_updater.handler(event(interface))

    after = cloudfront.get_distribution_config(Id=distribution_id)["DistributionConfig"]
    before["Origins"]["Items"][0].pop("DomainName")
    after["Origins"]["Items"][0].pop("DomainName")
    assert after == before


@pytest.mark.parametrize("last, desired", [("PENDING", "RUNNING"), ("RUNNING", "STOPPED"), ("STOPPED", "STOPPED")])
def test_a_task_that_is_not_running_changes_nothing(hub, cloudfront, last, desired):
    interface, distribution_id = hub

    result = origin_updater.handler(event(interface, last, desired))

    assert origin_of(cloudfront, distribution_id) == "old-task.example.org"
    assert result["outcome"] == "left alone"


def test_a_task_whose_interface_is_gone_changes_nothing(hub, ec2, cloudfront):
    """A late event for a task that has stopped since: its interface went with it."""
    interface, distribution_id = hub
    allocation = ec2.describe_addresses()["Addresses"][0]
    ec2.disassociate_address(AssociationId=allocation["AssociationId"])
    ec2.delete_network_interface(NetworkInterfaceId=interface)

    result = origin_updater.handler(event(interface))

    assert origin_of(cloudfront, distribution_id) == "old-task.example.org"
    assert "is gone" in result["why"]


def test_an_interface_without_a_public_dns_name_is_an_error_that_says_why(ec2):
    stub = Stubber(ec2)
    stub.add_response("describe_network_interfaces", {"NetworkInterfaces": [
        {"NetworkInterfaceId": "eni-1", "Association": {"PublicIp": "198.51.100.7", "PublicDnsName": ""}}]})
    with stub, pytest.raises(origin_updater.NoPublicDnsName, match="DNS host names on"):
        origin_updater.public_dns_name(ec2, "eni-1")


def minimal_config(origin):
    """The fields CloudFront's API requires of a distribution's configuration."""
    return {
        "CallerReference": "test", "Comment": "", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": ORIGIN, "DomainName": origin}]},
        "DefaultCacheBehavior": {"TargetOriginId": ORIGIN, "ViewerProtocolPolicy": "redirect-to-https"},
    }


def test_a_change_by_someone_else_meanwhile_is_read_again():
    cloudfront = boto3.client("cloudfront", region_name="us-east-1")
    stub = Stubber(cloudfront)
    stub.add_response("get_distribution_config", {"DistributionConfig": minimal_config("old-task.example.org"),
                                                  "ETag": "E1"})
    stub.add_client_error("update_distribution", service_error_code="PreconditionFailed", http_status_code=412)
    stub.add_response("get_distribution_config", {"DistributionConfig": minimal_config("other.example.org"),
                                                  "ETag": "E2"})
    stub.add_response("update_distribution", {}, {"Id": "D1", "IfMatch": "E2",
                                                  "DistributionConfig": minimal_config("new-task.example.org")})
    with stub:
        assert origin_updater.point_origin(cloudfront, "D1", ORIGIN, "new-task.example.org") is True
        stub.assert_no_pending_responses()


def test_other_refusals_are_not_retried():
    cloudfront = boto3.client("cloudfront", region_name="us-east-1")
    stub = Stubber(cloudfront)
    stub.add_response("get_distribution_config", {"DistributionConfig": minimal_config("old-task.example.org"),
                                                  "ETag": "E1"})
    stub.add_client_error("update_distribution", service_error_code="AccessDenied", http_status_code=403)
    with stub, pytest.raises(ClientError):
        origin_updater.point_origin(cloudfront, "D1", ORIGIN, "new-task.example.org")


def test_an_event_without_a_network_interface_changes_nothing(hub, cloudfront):
    _, distribution_id = hub
    broken = event("eni-1")
    broken["detail"]["attachments"] = []

    assert origin_updater.handler(broken)["outcome"] == "left alone"
    assert origin_of(cloudfront, distribution_id) == "old-task.example.org"

"""The test bed for FargateSpawner: moto's ECS in server mode, made as strict as AWS and moving tasks the way
ECS does.

moto (5.2.1) answers RunTask, DescribeTasks, ListTasks and StopTask for real, but a task it starts is RUNNING
at once and one it stops is STOPPED at once, and it takes texts AWS refuses. So:

- ``AwsLimits`` checks every request the client sends against AWS's documented limits (startedBy, tags,
  clientToken, StopTask's reason, the overrides' size) and fails the test on any breach; it also counts the
  calls per operation;
- ``StagedEcs`` plays ECS's part: it lays a script of lifecycle stages (unknown to DescribeTasks just
  after RunTask, PROVISIONING, PENDING with the image pull, RUNNING) over moto's own answer about the task,
  and hides the task's IP until it is RUNNING, as ECS does. Once moto says a task stopped, moto's answer
  stands.
- ``StrictEfs`` does what moto's EFS (5.2.1) leaves out: a CreateAccessPoint with a client token EFS has seen
  answers AccessPointAlreadyExists with the earlier access point's id (moto makes a second one), and a new
  access point is unknown, then "creating", before it is "available" (moto: available at once).
  ``AwsLimits`` also checks EFS's texts (client token, root path, permissions, tags) and the task
  definitions the hub registers (family and volume names, EFS volumes through an access point).
- ``StagedRoute53`` does what moto's Route 53 (5.2.1) leaves out: a change is PENDING for a while before
  GetChange says INSYNC (moto: INSYNC at once). ``AwsLimits`` checks Route 53's texts (zone id, record name,
  type, TTL, the change batch's comment).
"""
import asyncio
import copy
import functools
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
import uuid
from collections import Counter

import botocore.session
import pytest

from botocore.exceptions import ClientError

from hubwizard_hub import ecs, homes, hub_name
from hubwizard_hub.fargate import FargateSpawner

REGION = "eu-west-1"
MOTO_VERSION = "5.2.1"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    """A moto_server of its own on a free loopback port, for the whole test session."""
    command = shutil.which("moto_server")
    if not command:
        message = (f"moto_server is not on PATH: .ci/services/30-moto.sh installs it, or "
                   f"pip install 'moto[server]=={MOTO_VERSION}'")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    server = subprocess.Popen([command, "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"moto_server did not answer on {url}")
            time.sleep(0.1)
    # moto moves a task on from RUNNING as DescribeTasks reads it; StagedEcs plays the lifecycle instead.
    urllib.request.urlopen(urllib.request.Request(
        f"{url}/moto-api/state-manager/set-transition", method="POST",
        data=json.dumps({"model_name": "ecs::task", "transition": {"progression": "manual", "times": 10**9}}).encode(),
        headers={"Content-Type": "application/json"}), timeout=10).close()
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_CONFIG_FILE",
                                             "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE")}
    # Fake credentials, and none of this computer's AWS files.
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                      AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull)
    os.environ.pop("AWS_PROFILE", None)
    yield url
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    server.kill()  # moto keeps nothing worth a clean shutdown, which takes seconds
    server.wait(10)


class AwsLimits:
    """Fails a request that real ECS would refuse for its texts; counts requests per operation."""

    TAG_TEXT = re.compile(r"[\w\s+\-=.:/@]*")
    NAME = re.compile(r"[A-Za-z0-9_-]{1,255}", re.ASCII)
    # EFS's RootDirectory.Path: up to 100 characters, at most 4 levels, none starting with "."
    EFS_PATH = re.compile(r"/|(/(?!\.)[^$#<>;`|&?{}^*/\n]+){1,4}")

    def __init__(self):
        self.calls = Counter()
        self.breaches = []

    def attach(self, client):
        client.meta.events.register("before-parameter-build.ecs", self.check)
        client.meta.events.register("before-parameter-build.efs", self.check)
        client.meta.events.register("before-parameter-build.route-53", self.check)
        return client

    def check(self, params, model, **_):
        self.calls[model.name] += 1
        problems = []
        if "startedBy" in params and not re.fullmatch(r"[A-Za-z0-9_-]{1,36}", params["startedBy"], re.ASCII):
            problems.append(f"startedBy {params['startedBy']!r}")
        tags = params.get("tags", [])
        if len(tags) > 50 or len({t["key"] for t in tags}) != len(tags):
            problems.append(f"{len(tags)} tags, or a key twice")
        for t in tags:
            if not (1 <= len(t["key"]) <= 128 and len(t.get("value", "")) <= 256
                    and self.TAG_TEXT.fullmatch(t["key"]) and self.TAG_TEXT.fullmatch(t.get("value", ""))
                    and not t["key"].lower().startswith("aws:")):
                problems.append(f"tag {t!r}")
        if "clientToken" in params and not re.fullmatch(r"[\x21-\x7e]{1,64}", params["clientToken"]):
            problems.append(f"clientToken {params['clientToken']!r}")
        if "reason" in params and len(params["reason"]) > 255:
            problems.append(f"StopTask reason of {len(params['reason'])} characters")
        if "overrides" in params and len(json.dumps(params["overrides"], separators=(",", ":"))) > 8192:
            problems.append("overrides over 8192 characters")
        problems += (self._task_definition_problems(params) + self._efs_problems(params)
                     + self._route53_problems(model.name, params))
        if problems:
            self.breaches += problems
            raise AssertionError(f"{model.name}: AWS would refuse " + "; ".join(problems))


    def _task_definition_problems(self, params):
        problems = []
        if "family" in params and not self.NAME.fullmatch(params["family"]):
            problems.append(f"family {params['family']!r}")
        for volume in params.get("volumes", []):
            if not self.NAME.fullmatch(volume.get("name", "")):
                problems.append(f"volume name {volume.get('name')!r}")
            efs = volume.get("efsVolumeConfiguration")
            if efs and efs.get("authorizationConfig", {}).get("accessPointId") and (
                    efs.get("transitEncryption") != "ENABLED" or efs.get("rootDirectory", "/") != "/"):
                problems.append("an EFS volume through an access point needs transitEncryption ENABLED and no "
                                "rootDirectory")
        return problems

    def _efs_problems(self, params):
        problems = []
        if "ClientToken" in params and not re.fullmatch(r"[\x21-\x7e]{1,64}", params["ClientToken"]):
            problems.append(f"ClientToken {params['ClientToken']!r}")
        root = params.get("RootDirectory")
        if root:
            if len(root["Path"]) > 100 or not self.EFS_PATH.fullmatch(root["Path"]):
                problems.append(f"RootDirectory.Path {root['Path']!r}")
            permissions = root.get("CreationInfo", {}).get("Permissions", "0755")
            if not re.fullmatch(r"[0-7]{3,4}", permissions):
                problems.append(f"Permissions {permissions!r}")
        tags = params.get("Tags", [])
        if len(tags) > 50 or len({t["Key"] for t in tags}) != len(tags):
            problems.append(f"{len(tags)} EFS tags, or a key twice")
        for t in tags:
            if not (1 <= len(t["Key"]) <= 128 and len(t["Value"]) <= 256 and self.TAG_TEXT.fullmatch(t["Key"])
                    and self.TAG_TEXT.fullmatch(t["Value"]) and not t["Key"].lower().startswith("aws:")):
                problems.append(f"EFS tag {t!r}")
        return problems


    # Route 53: a hosted zone id is up to 32 characters ("/hostedzone/" may precede it); a record's name is a
    # DNS name of up to 255 characters with its final dot; TTL 0 to 2147483647; ChangeBatch.Comment up to 256.
    ZONE_ID = re.compile(r"(/hostedzone/)?[A-Z0-9]{1,32}", re.ASCII)
    DNS_NAME = re.compile(r"((?!-)[a-z0-9-]{1,63}(?<!-)\.)*(?!-)[a-z0-9-]{1,63}(?<!-)\.?", re.ASCII)

    def _route53_problems(self, operation, params):
        if operation not in ("ChangeResourceRecordSets", "GetChange"):
            return []
        problems = []
        if operation == "GetChange" and not 1 <= len(params["Id"]) <= 6500:
            problems.append(f"GetChange Id {params['Id']!r}")
        if operation == "ChangeResourceRecordSets":
            if not self.ZONE_ID.fullmatch(params["HostedZoneId"]):
                problems.append(f"HostedZoneId {params['HostedZoneId']!r}")
            batch = params["ChangeBatch"]
            if len(batch.get("Comment", "")) > 256:
                problems.append(f"a Comment of {len(batch['Comment'])} characters")
            for change in batch["Changes"]:
                record = change["ResourceRecordSet"]
                if change["Action"] not in ("CREATE", "DELETE", "UPSERT"):
                    problems.append(f"Action {change['Action']!r}")
                if len(record["Name"].rstrip(".")) > 253 or not self.DNS_NAME.fullmatch(record["Name"]):
                    problems.append(f"record name {record['Name']!r}")
                if not 0 <= record.get("TTL", 0) <= 2147483647:
                    problems.append(f"TTL {record['TTL']}")
                if record["Type"] == "A" and not all(
                        re.fullmatch(r"(\d{1,3}\.){3}\d{1,3}", r["Value"]) for r in record["ResourceRecords"]):
                    problems.append(f"A record values {record['ResourceRecords']!r}")
        return problems


class StagedRoute53(hub_name.Route53):
    """hub_name.Route53 on moto, with a change PENDING for its first ``pending_for`` GetChange answers."""

    def __init__(self, make_client, pending_for=2):
        super().__init__(make_client)
        self.pending_for = pending_for
        self._seen = Counter()
        self.failing = None

    async def call(self, operation, **params):
        if self.failing:
            raise self.failing
        answer = await super().call(operation, **params)
        if operation == "get_change":
            self._seen[params["Id"]] += 1
            if self._seen[params["Id"]] <= self.pending_for:
                answer = copy.deepcopy(answer)
                answer["ChangeInfo"]["Status"] = "PENDING"
        return answer


class StrictEfs(homes.Efs):
    """homes.Efs on moto, with EFS's idempotent CreateAccessPoint and its access points' lifecycle."""

    def __init__(self, make_client):
        super().__init__(make_client)
        # What DescribeAccessPoints says of a new access point, call by call; None: not known yet.
        self.script = [None, "creating", "available"]
        self._seen = Counter()
        self.created = []
        self.failing = None

    async def call(self, operation, **params):
        if self.failing:
            raise self.failing
        if operation == "create_access_point":
            answer = await super().call("describe_access_points", FileSystemId=params["FileSystemId"])
            for point in answer["AccessPoints"]:
                if point["ClientToken"] == params["ClientToken"]:
                    raise ClientError({"Error": {"Code": "AccessPointAlreadyExists",
                                                 "Message": "Access point already exists"},
                                       "AccessPointId": point["AccessPointId"]}, "CreateAccessPoint")
            answer = await super().call(operation, **params)
            self.created.append(answer["AccessPointId"])
            return answer
        answer = await super().call(operation, **params)
        if operation == "describe_access_points" and "AccessPointId" in params:
            step = min(self._seen[params["AccessPointId"]], len(self.script) - 1)
            self._seen[params["AccessPointId"]] += 1
            if self.script[step] is None:
                raise ClientError({"Error": {"Code": "AccessPointNotFound", "Message": "not found"}},
                                  "DescribeAccessPoints")
            answer = copy.deepcopy(answer)
            answer["AccessPoints"][0]["LifeCycleState"] = self.script[step]
        return answer


class StagedEcs(ecs.Ecs):
    """ecs.Ecs on moto, with ECS's lifecycle played over moto's answers (see the module's docstring)."""

    def __init__(self, make_client):
        super().__init__(make_client)
        self.script = [None, {"lastStatus": "PROVISIONING"}, {"lastStatus": "PENDING"},
                       {"lastStatus": "PENDING", "pullStartedAt": "now"},
                       {"lastStatus": "PENDING", "pullStartedAt": "now", "pullStoppedAt": "now"},
                       {"lastStatus": "ACTIVATING"}, {"lastStatus": "RUNNING"}]
        self._seen = Counter()
        # How many StopTask calls answer "not found" first, as ECS may just after RunTask.
        self.stop_unknown_for = 0
        self.failing = None

    async def call(self, operation, **params):
        if self.failing:
            raise self.failing
        return await super().call(operation, **params)

    async def stop_task(self, cluster, task_arn, reason):
        if self.stop_unknown_for:
            self.stop_unknown_for -= 1
            return False
        return await super().stop_task(cluster, task_arn, reason)

    async def describe_task(self, cluster, task_arn):
        return self._staged(await super().describe_task(cluster, task_arn))

    async def describe_tasks(self, cluster, task_arns):
        tasks, missing = await super().describe_tasks(cluster, task_arns)
        staged = [self._staged(t) for t in tasks]
        return [t for t in staged if t], missing + [t["taskArn"] for t, s in zip(tasks, staged) if s is None]

    def _staged(self, task):
        """The task as ECS describes it at this call (a script's step per call), or None while it is unknown."""
        if task is None or task.get("lastStatus") == "STOPPED":
            return task
        task_arn = task["taskArn"]
        step = min(self._seen[task_arn], len(self.script) - 1)
        self._seen[task_arn] += 1
        stage = self.script[step]
        if stage is None:
            return None
        task = {**copy.deepcopy(task), **stage}
        if stage.get("lastStatus") != "RUNNING":
            for attachment in task.get("attachments", []):
                attachment["details"] = [d for d in attachment["details"] if d["name"] != "privateIPv4Address"]
        return task


class Aws:
    """The session's clients and network on moto, made once: botocore's clients are slow to make."""

    def __init__(self, endpoint):
        self.limits = AwsLimits()
        session = botocore.session.get_session()
        self.ecs_client = self.limits.attach(
            session.create_client("ecs", region_name=REGION, endpoint_url=endpoint))
        ec2 = session.create_client("ec2", region_name=REGION, endpoint_url=endpoint)
        self.vpc = vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        # moto gives an awsvpc task its network interface (and IP) only in a VPC with DNS host names.
        ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
        self.subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
        self.security_group = ec2.create_security_group(
            GroupName="users", Description="users' servers", VpcId=vpc)["GroupId"]
        self.family = "users"
        self.efs_client = self.limits.attach(session.create_client("efs", region_name=REGION, endpoint_url=endpoint))
        self.route53_client = self.limits.attach(
            session.create_client("route53", region_name=REGION, endpoint_url=endpoint))
        # moto needs a container-level memory; real ECS takes the task-level size alone.
        self.ecs_client.register_task_definition(
            family=self.family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512",
            memory="1024", containerDefinitions=[{"name": "notebook", "image": "singleuser:test", "memory": 1024}])


@pytest.fixture(scope="session")
def aws(moto_endpoint):
    return Aws(moto_endpoint)


class Bed:
    """One test's cluster on the session's moto, its own lifecycle script and a fresh count of calls."""

    def __init__(self, aws):
        self.ecs_client = aws.ecs_client
        self.subnet, self.security_group, self.family = aws.subnet, aws.security_group, aws.family
        self.cluster = f"hub-{uuid.uuid4().hex[:8]}"
        self.ecs_client.create_cluster(clusterName=self.cluster)
        self.limits = aws.limits
        self.limits.calls.clear()
        self.limits.breaches.clear()
        self.ecs = StagedEcs(lambda: self.ecs_client)
        self.efs_client = aws.efs_client
        self.efs = StrictEfs(lambda: self.efs_client)
        self.vpc = aws.vpc
        self.route53_client = aws.route53_client
        self.route53 = StagedRoute53(lambda: self.route53_client)

    def private_zone(self):
        """A new Route 53 private hosted zone in the VPC, as Hub Wizard makes it: (its id, its name)."""
        name = f"{self.cluster}.hubwizard.internal"
        zone = self.route53_client.create_hosted_zone(
            Name=name, CallerReference=uuid.uuid4().hex, VPC={"VPCRegion": REGION, "VPCId": self.vpc},
            HostedZoneConfig={"PrivateZone": True, "Comment": "test"})["HostedZone"]
        return zone["Id"].removeprefix("/hostedzone/"), name

    def records(self, zone, name):
        """The zone's records of the name, as Route 53 lists them."""
        answer = self.route53_client.list_resource_record_sets(HostedZoneId=zone)
        return [r for r in answer["ResourceRecordSets"] if r["Name"].rstrip(".") == name]

    def task(self, arn):
        return self.ecs_client.describe_tasks(cluster=self.cluster, tasks=[arn], include=["TAGS"])["tasks"][0]

    def running(self):
        return self.ecs_client.list_tasks(cluster=self.cluster, desiredStatus="RUNNING")["taskArns"]


@functools.cache
def _database():
    """One in-memory JupyterHub database for the session: making one (its migrations) takes seconds."""
    from jupyterhub import orm

    return orm.new_session_factory("sqlite:///:memory:")()


def new_spawner(bed, name="alice", server_name="", **settings):
    """A FargateSpawner for a user of a real (in-memory) JupyterHub database, as the hub makes it."""
    from jupyterhub import orm
    from jupyterhub.objects import Hub
    from jupyterhub.user import User

    db = _database()
    for old in db.query(orm.User).filter_by(name=name):
        db.delete(old)
    db.commit()
    orm_user = orm.User(name=name)
    db.add(orm_user)
    db.commit()
    settings = {
        "cluster": bed.cluster, "task_definition": bed.family, "subnets": [bed.subnet],
        "security_groups": [bed.security_group], "profile_tag": "team-hub", "ecs": bed.ecs,
        "efs": bed.efs,
        "ecs_poll_interval": 0.02, "hub": Hub(), "api_token": uuid.uuid4().hex,
        "oauth_client_id": f"jupyterhub-user-{name}", **settings,
    }
    spawner = User(orm_user, {})._new_spawner(server_name, spawner_class=FargateSpawner, **settings)
    # The server record JupyterHub makes before start(): its base URL goes into the environment.
    spawner.orm_spawner.server = orm.Server(base_url=f"/user/{name}/{server_name}")
    db.commit()
    return spawner


async def started(spawner):
    """start() as JupyterHub runs it, with the progress events it streams to the spawn page meanwhile."""
    events = []

    async def follow():
        async for event in spawner.progress():
            events.append(event)

    follower = asyncio.create_task(follow())
    address = await spawner.start()
    await asyncio.wait_for(follower, 5)
    return address, events

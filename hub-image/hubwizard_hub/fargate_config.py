"""``HUB_SPAWNER=fargate``: each person's server in its own Fargate task, sized by choice, culled when idle.

Hub Wizard sets these variables on the hub's task definition (README.md lists them). The users' tasks
reach the hub's API at the hub task's private IP, which the ECS task metadata endpoint tells; or, with
HUB_FARGATE_API_ZONE and HUB_FARGATE_API_NAME, at a private DNS name the hub points at that IP as it starts
(``hub_name``), so that servers which outlive the hub's task reach the next one.
"""
import json
import re
import urllib.request

from . import background
from . import culler
from . import ecs
from . import homes
from . import hub_name
from . import orphans
from . import sizes as server_sizes
from .environment import BadSetting

_SUBNET = re.compile(r"subnet-[0-9a-f]{8,17}", re.ASCII)
_SECURITY_GROUP = re.compile(r"sg-[0-9a-f]{8,17}", re.ASCII)
# A name (letters, digits, - and _, up to 255), with ":REVISION" for a task definition, or an ARN.
_CLUSTER = re.compile(r"[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster/[A-Za-z0-9_-]{1,255}", re.ASCII)
_TASK_DEFINITION = re.compile(
    r"[A-Za-z0-9_-]{1,255}(:\d+)?|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition/[A-Za-z0-9_-]{1,255}:\d+",
    re.ASCII)
_FILE_SYSTEM = re.compile(r"fs-[0-9a-f]{8,40}", re.ASCII)
_METADATA_TIMEOUT = 3


def ids(env, name, pattern, example):
    values = [v for v in re.split(r"[,\s]+", env.required(name, f"for example {example}")) if v]
    for value in values:
        if not pattern.fullmatch(value):
            raise BadSetting(f"{name}: {value!r} is not an id like {example}.")
    return values


def matching(env, name, pattern, why):
    value = env.required(name, why)
    if not pattern.fullmatch(value):
        raise BadSetting(f"{name}={value!r} is not {why}.")
    return value


def flag(env, name, default):
    value = env.text(name, "true" if default else "false").lower()
    if value not in ("true", "false"):
        raise BadSetting(f"{name}={value!r} is not true or false.")
    return value == "true"


def hub_private_ip(env, variables):
    """Where users' tasks reach the hub: HUB_CONNECT_IP, or this task's address from ECS's metadata."""
    if env.text("HUB_CONNECT_IP"):
        return env.url_host("HUB_CONNECT_IP", "")
    metadata = variables.get("ECS_CONTAINER_METADATA_URI_V4", "")
    if not metadata.startswith("http://"):
        raise BadSetting("HUB_CONNECT_IP is not set and this is not an ECS task (no ECS_CONTAINER_METADATA_URI_V4): "
                         "set HUB_CONNECT_IP to the address users' servers reach the hub at.")
    try:
        with urllib.request.urlopen(metadata, timeout=_METADATA_TIMEOUT) as answer:  # noqa: S310 -- http:// checked
            container = json.load(answer)
        return next(a for n in container.get("Networks", []) for a in n.get("IPv4Addresses", []))
    except (OSError, ValueError, StopIteration) as error:
        raise BadSetting(f"could not read this task's private IP from ECS's task metadata ({error}); "
                         "set HUB_CONNECT_IP.") from None


def configure_fargate(c, env, variables):
    """Selects FargateSpawner and configures it, the sizes, the culler and the hub's API address."""
    from .fargate import HTTP_TIMEOUT, START_TIMEOUT, STARTED_BY_PREFIX, FargateSpawner

    spawner = c.FargateSpawner
    c.JupyterHub.spawner_class = FargateSpawner
    # A task's start takes longer than a local server's: these win over the Spawner-wide timeouts.
    spawner.start_timeout = START_TIMEOUT
    spawner.http_timeout = HTTP_TIMEOUT
    spawner.cluster = matching(env, "HUB_FARGATE_CLUSTER", _CLUSTER, "an ECS cluster name or ARN")
    spawner.task_definition = matching(
        env, "HUB_FARGATE_TASK_DEFINITION", _TASK_DEFINITION, "a task definition family, family:revision or ARN")
    spawner.container_name = env.text("HUB_FARGATE_CONTAINER", "notebook")
    spawner.subnets = ids(env, "HUB_FARGATE_SUBNETS", _SUBNET, "subnet-0123456789abcdef0")
    spawner.security_groups = ids(env, "HUB_FARGATE_SECURITY_GROUPS", _SECURITY_GROUP, "sg-0123456789abcdef0")
    spawner.assign_public_ip = flag(env, "HUB_FARGATE_PUBLIC_IP", False)
    spawner.profile_tag = env.text("HUB_FARGATE_PROFILE")
    if env.text("HUB_FARGATE_FILE_SYSTEM"):
        spawner.file_system = matching(
            env, "HUB_FARGATE_FILE_SYSTEM", _FILE_SYSTEM, "an EFS file system id like fs-0123456789abcdef0")
        # Each person's family is this one's name, "-" and up to 64 characters of theirs.
        family = homes.family_of(spawner.task_definition)
        if len(family) > homes.BASE_FAMILY_MAX:
            raise BadSetting(f"HUB_FARGATE_TASK_DEFINITION: the family {family[:40]}... has {len(family)} characters; "
                             f"with home folders (HUB_FARGATE_FILE_SYSTEM) it may have {homes.BASE_FAMILY_MAX}.")
        spawner.shared_folder = flag(env, "HUB_FARGATE_SHARED_FOLDER", False)
    elif flag(env, "HUB_FARGATE_SHARED_FOLDER", False):
        raise BadSetting("HUB_FARGATE_SHARED_FOLDER: a shared folder lives on the users' file system; "
                         "set HUB_FARGATE_FILE_SYSTEM too (in Hub Wizard: keep users' files).")
    spawner.region = env.text("AWS_REGION", env.text("AWS_DEFAULT_REGION"))
    if not spawner.region:
        raise BadSetting("AWS_REGION is not set (Fargate sets it; elsewhere set it to the region of the cluster).")
    try:
        spawner.sizes = server_sizes.parse(env.text("HUB_SERVER_SIZES"))
    except server_sizes.BadSize as error:
        raise BadSetting(f"HUB_SERVER_SIZES: {error}.") from None
    try:
        timeout = culler.parse_timeout(
            "HUB_CULL_IDLE_TIMEOUT", env.text("HUB_CULL_IDLE_TIMEOUT", str(culler.DEFAULT_TIMEOUT)))
    except ValueError as error:
        raise BadSetting(str(error)) from None
    culler.configure_idle_culler(c, timeout)
    # A hub that stops stops its users' servers too, unless its database outlives it (state kept on a
    # volume): then a redeployed hub finds them running and re-attaches (the task ARNs are in the state).
    c.JupyterHub.cleanup_servers = not flag(env, "HUB_FARGATE_KEEP_SERVERS", False)
    # Tasks a hub that died mid-spawn left behind are stopped as soon as this one starts (orphans.py); it
    # knows this profile's tasks by their profile tag, so without one it leaves them to people's next starts.
    if spawner.profile_tag:
        orphans.schedule(lambda owners: orphans.OrphanSweep(
            ecs.Ecs.shared(spawner.region, ""), spawner.cluster, spawner.profile_tag, STARTED_BY_PREFIX, owners))

    # Users' tasks call the hub's API from their own addresses: it listens beyond loopback (the
    # security groups admit only users' tasks to this port) and tells them the hub task's private IP.
    api_port = env.port("HUB_API_PORT", 8081)
    api_name = hub_name.from_environment(env)
    ip = hub_private_ip(env, variables)
    c.JupyterHub.hub_bind_url = f"http://0.0.0.0:{api_port}"
    # The hub's own parts (the proxy's route to /hub/, the idle culler) use the IP even with a private name: they
    # run in this task and must reach this hub before the name points at it (hub_name.py).
    c.JupyterHub.hub_connect_url = f"http://{ip}:{api_port}"
    if api_name:
        publication = hub_name.Publication(
            hub_name.Route53.shared(spawner.region, ""), api_name, hub_name.check_ipv4(ip), api_port)
        spawner.hub_name = publication
        background.in_starting_hub(lambda app: publication.publish_at_start())
    return spawner

"""The hub's private name: users' servers reach the hub's API by a DNS name that follows the hub across redeploys.

With ``HUB_SPAWNER=fargate`` each person's server is its own Fargate task, and it may outlive the hub's task
(``HUB_FARGATE_KEEP_SERVERS``). A redeployed hub runs in a new task with a new private IP, so a server that
had the old IP in its environment (``JUPYTERHUB_API_URL``, ``JUPYTERHUB_ACTIVITY_URL``) could no longer sign
people in or report activity. Hub Wizard therefore makes a Route 53 private hosted zone in the hub's VPC and
names it and a record in it (``HUB_FARGATE_API_ZONE``, ``HUB_FARGATE_API_NAME``). As it starts, the hub
points that record at its own private IP (an ``A`` record, UPSERT) and waits until Route 53 says the change
reached its resolvers (GetChange: INSYNC); servers started after that get ``http://NAME:PORT/...`` instead
of the IP, and so follow the hub to its next task.

Only users' servers use the name. The hub keeps ``hub_connect_url`` at its IP: JupyterHub's proxy routes
/hub/ to it and the hub's own services (the idle culler) get it, and they run in the hub's task and must
reach this hub even before the record is in sync (or when it could not be written).

A hub that cannot write the record (AccessDenied, a missing zone, no answer in time) logs a warning once per
attempt and serves on with the IP as before; it tries again a minute later, twice, and after that at a spawn,
at most once a minute. Every AWS
call runs on the AWS thread pool (``ecs.Ecs.call``), never on the hub's event loop.
"""
import asyncio
import ipaddress
import logging
import re
import time
from dataclasses import dataclass

from botocore.exceptions import BotoCoreError, ClientError

from . import ecs
from .environment import BadSetting

log = logging.getLogger("JupyterHub")

ZONE_VARIABLE = "HUB_FARGATE_API_ZONE"
NAME_VARIABLE = "HUB_FARGATE_API_NAME"
# Route 53's hosted zone ids: up to 32 upper-case letters and digits; its API also takes "/hostedzone/ID".
_ZONE = re.compile(r"(?:/hostedzone/)?([A-Z0-9]{1,32})", re.ASCII)
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)", re.ASCII)
NAME_MAX = 253
# Resolvers (and so servers) keep an answer this long: a short TTL makes servers that outlived the hub's
# previous task follow the new one within seconds of its start, and a hub's API sees few lookups.
TTL = 10
# ChangeBatch.Comment: at most 256 characters.
COMMENT = "Hub Wizard: this JupyterHub's private address, which its users' servers reach its API at"
# Route 53 says a change reaches all its resolvers within 60 seconds; GetChange is asked every POLL_INTERVAL.
POLL_INTERVAL = 2.0
SYNC_TIMEOUT = 120.0
# A failed publication is tried again at a spawn, but not more often than this.
RETRY_INTERVAL = 60.0
# At the hub's start it is tried this many times, RETRY_INTERVAL apart, whether anyone spawns or not: a deploy
# that has just granted the hub's role its Route 53 permissions may see them refused for a moment (IAM is
# eventually consistent).
START_ATTEMPTS = 3


@dataclass(frozen=True)
class ApiName:
    """Where the name lives: the private hosted zone's id and the record's fully qualified name."""

    zone: str
    name: str


def from_environment(env):
    """The ApiName Hub Wizard set, or None when it set neither variable (the hub then gives servers its IP)."""
    zone, name = env.text(ZONE_VARIABLE), env.text(NAME_VARIABLE)
    if not zone and not name:
        return None
    if not zone or not name:
        given, missing = (ZONE_VARIABLE, NAME_VARIABLE) if zone else (NAME_VARIABLE, ZONE_VARIABLE)
        raise BadSetting(f"{given} is set but {missing} is not: the hub's private name needs both (the Route 53 "
                         "private hosted zone's id and the record's name in it). Redeploy the hub with Hub Wizard, "
                         "which sets both.")
    match = _ZONE.fullmatch(zone)
    if not match:
        raise BadSetting(f"{ZONE_VARIABLE}={zone!r} is not a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ "
                         "(up to 32 upper-case letters and digits).")
    return ApiName(match.group(1), dns_name(name))


def dns_name(value):
    """A fully qualified DNS name, lower case, without the final dot."""
    name = value.lower().removesuffix(".")
    labels = name.split(".")
    if len(name) > NAME_MAX or len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise BadSetting(f"{NAME_VARIABLE}={value!r} is not a fully qualified DNS name like "
                         f"hub.team-hub.hubwizard.internal (labels of 1-63 letters, digits and '-', not starting or "
                         f"ending with '-', at most {NAME_MAX} characters in all).")
    return name


def check_ipv4(ip):
    """The hub's IP as an A record takes it; a BadSetting for an IPv6 HUB_CONNECT_IP."""
    try:
        if ipaddress.ip_address(ip.strip("[]")).version == 4:
            return ip
    except ValueError:
        pass
    raise BadSetting(f"the hub's private address {ip} is not an IPv4 address, which {NAME_VARIABLE} needs (an A "
                     "record); set HUB_CONNECT_IP to the hub's IPv4 address.")


class NotInSync(RuntimeError):
    """Route 53 accepted the change but did not report it INSYNC in time."""


class Route53(ecs.Ecs):
    """Async Route 53 calls on botocore's client, on the same pool as ECS's. Route 53 is a global service; its
    client takes the region for the partition, and ``AWS_ENDPOINT_URL`` / ``AWS_ENDPOINT_URL_ROUTE_53`` (a test
    bed) as every other client does."""

    service = "route53"

    async def upsert_a(self, zone, name, ip, ttl=TTL, comment=COMMENT):
        """Points ``name`` at ``ip``; the change's id."""
        answer = await self.call("change_resource_record_sets", HostedZoneId=zone, ChangeBatch={
            "Comment": comment[:256],
            "Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
                "Name": name, "Type": "A", "TTL": ttl, "ResourceRecords": [{"Value": ip}]}}],
        })
        return answer["ChangeInfo"]["Id"]

    async def change_status(self, change_id):
        """PENDING or INSYNC."""
        return (await self.call("get_change", Id=change_id))["ChangeInfo"]["Status"]


class Publication:
    """This hub's private name, pointed at its IP once per hub (and again after a failure, at most once per
    ``retry_interval``).

    :param route53: a ``Route53``
    :param api_name: the ``ApiName``
    :param ip: the hub's private IPv4 address, as ``hub_connect_url`` has it
    :param port: the hub's API port
    """

    def __init__(self, route53, api_name, ip, port, poll_interval=POLL_INTERVAL, sync_timeout=SYNC_TIMEOUT,
                 retry_interval=RETRY_INTERVAL):
        self.route53 = route53
        self.api_name = api_name
        self.ip = ip
        self.port = port
        self.poll_interval = poll_interval
        self.sync_timeout = sync_timeout
        self.retry_interval = retry_interval
        self.published = False
        self._attempt = None
        self._failed_at = None

    def __deepcopy__(self, memo):
        # traitlets gives each spawner a deep copy of its configured values; the hub has one publication, which
        # every spawner shares.
        return self

    @property
    def ip_base(self):
        return f"http://{self.ip}:{self.port}"

    @property
    def name_base(self):
        return f"http://{self.api_name.name}:{self.port}"

    @property
    def due(self):
        """Whether ``ensure()`` would wait for Route 53: not yet published, and an attempt is under way or may
        start."""
        if self.published:
            return False
        if self._attempt is not None and not self._attempt.done():
            return True
        return self._failed_at is None or time.monotonic() - self._failed_at >= self.retry_interval

    async def ensure(self):
        """Publishes the name unless it is, or a failed attempt is too recent; whether servers may use it.
        Never raises: a hub that cannot publish its name serves on with its IP."""
        if self.due and (self._attempt is None or self._attempt.done()):
            self._attempt = asyncio.get_running_loop().create_task(self._publish())
        if self._attempt is not None and not self._attempt.done():
            # A spawn given up (its timeout) must not cancel the publication other spawns wait for.
            await asyncio.shield(self._attempt)
        return self.published

    async def publish_at_start(self, attempts=START_ATTEMPTS):
        """``ensure()`` as the hub starts, tried again ``retry_interval`` after a failure, up to ``attempts``
        times; whether the name was published."""
        for attempt in range(attempts):
            if await self.ensure():
                return True
            if attempt + 1 < attempts:
                await asyncio.sleep(self.retry_interval)
        return False

    def rewrite(self, env):
        """``env`` with the hub's IP-based API address replaced by its name in every value, once the name is
        published; ``env`` itself before that."""
        if not self.published:
            return env
        base = self.ip_base
        return {key: self.name_base + value[len(base):]
                if isinstance(value, str) and (value == base or value.startswith(base + "/")) else value
                for key, value in env.items()}

    async def _publish(self):
        zone, name = self.api_name.zone, self.api_name.name
        try:
            change = await self.route53.upsert_a(zone, name, self.ip)
            deadline = time.monotonic() + self.sync_timeout
            while await self.route53.change_status(change) != "INSYNC":
                if time.monotonic() > deadline:
                    raise NotInSync(f"Route 53 had not applied the change {change} after {self.sync_timeout:.0f} s")
                await asyncio.sleep(self.poll_interval)
        except (BotoCoreError, ClientError, NotInSync) as error:
            self._failed(error)
            return
        except Exception as error:  # a background task: whatever went wrong is logged, and the hub serves on
            log.exception("Hub Wizard: pointing the hub's private name at this hub failed")
            self._failed(error)
            return
        self.published = True
        log.info("Hub Wizard: %s points at this hub (%s); users' servers reach the hub's API at %s", name, self.ip,
                 self.name_base)

    def _failed(self, error):
        self._failed_at = time.monotonic()
        log.warning(
            "Hub Wizard: could not point the hub's private name %s (Route 53 private hosted zone %s) at this hub's "
            "address %s: %s. Servers started now reach the hub at %s, which works until the hub is redeployed; "
            "after that they must be restarted. To repair it, redeploy the hub with Hub Wizard, which repairs the "
            "zone and the hub's permissions. The hub tries again at a server's next start (at most once every "
            "%.0f s).", self.api_name.name, self.api_name.zone, self.ip, str(error).rstrip("."), self.ip_base,
            self.retry_interval)

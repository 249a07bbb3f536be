"""FargateSpawner: each person's notebook server in its own AWS Fargate task.

start() runs the user task definition with RunTask (the hub's subnets and the users' security group, the
chosen size as task-level overrides, JupyterHub's environment and command as the container's overrides)
and follows the task with DescribeTasks until it is RUNNING and has its private IP; JupyterHub then waits
for the server to answer there. The task's ARN is the spawner's state, so a restarted hub finds running
servers again. With the hub's private name (``hub_name``), start() first waits until the name points at this
hub, and the server's environment then names the hub by it instead of its IP. No call blocks the hub's event
loop (see ``ecs``).
"""
import asyncio
import time
import uuid

from botocore.exceptions import BotoCoreError, ClientError
from jupyterhub.spawner import Spawner
from tornado import web
from traitlets import Any, Bool, Float, Instance, Integer, List, Unicode, default

from . import ecs
from . import homes as home_folders
from . import hub_name as hub_names
from . import sizes as server_sizes
from .problems import SpawnProblem

# ECS's task lifecycle, as the spawn page tells it. JupyterHub itself reports 100% when the server answers.
STAGES = {
    "PROVISIONING": (30, "AWS Fargate is finding capacity and attaching your server's network"),
    "PENDING": (45, "Your server's task is waiting to start"),
    "ACTIVATING": (75, "Your server's task is starting"),
    "RUNNING": (90, "Your server is running; waiting for Jupyter to answer"),
}
PULLING = (55, "Downloading your server's image (the first start of a new image takes longest)")
PULLED = (70, "Image downloaded; starting your server")
STOPPING = ("DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED")
# Fargate needs 30-120 s to start a task, longer for a large image's first pull; then JupyterLab starts.
START_TIMEOUT = 300
HTTP_TIMEOUT = 180
# Every task a FargateSpawner starts has a startedBy of "jh-" and its person's (and server's) name.
STARTED_BY_PREFIX = "jh"


class TaskStopped(SpawnProblem, RuntimeError):
    """The task stopped before the server was ready; the message says why, in ECS's words."""


class AwsRefused(SpawnProblem, RuntimeError):
    """ECS refused a call (permissions, a missing cluster or task definition, throttling after retries)."""


class FargateSpawner(Spawner):
    cluster = Unicode(help="The ECS cluster users' tasks run in (name or ARN).").tag(config=True)
    task_definition = Unicode(
        help="The users' task definition: family, family:revision or ARN.").tag(config=True)
    container_name = Unicode(
        "notebook", help="The container in the task definition that runs jupyterhub-singleuser.").tag(config=True)
    subnets = List(Unicode(), help="Subnet ids for users' tasks (the hub's).").tag(config=True)
    security_groups = List(Unicode(), help="Security group ids for users' tasks.").tag(config=True)
    assign_public_ip = Bool(
        False, help="Give users' tasks a public IP (needed to pull images in a subnet without NAT).").tag(config=True)
    region = Unicode(help="The AWS region; empty for botocore's own (AWS_REGION on Fargate).").tag(config=True)
    endpoint_url = Unicode(help="Another ECS endpoint (a test bed); empty for AWS.").tag(config=True)
    profile_tag = Unicode(help="The value of the hubwizard:profile tag on every user task.").tag(config=True)
    sizes = List(Instance(server_sizes.ServerSize), help="The sizes people may choose; the first is the default.").tag(
        config=True)
    ecs_poll_interval = Float(2.0, help="Seconds between DescribeTasks calls while a task starts or stops.").tag(
        config=True)
    consistency_timeout = Float(
        30.0, help="How long a task ECS has just started may be unknown to DescribeTasks.").tag(config=True)
    stop_wait_timeout = Integer(120, help="How long stop() waits for the task to stop.").tag(config=True)
    file_system = Unicode(
        help="The EFS file system (fs-...) for people's home folders; empty for none (a home lasts as long as "
             "its task).").tag(config=True)
    shared_folder = Bool(
        False, help="With file_system: a shared folder at ~/shared that admins write and everyone else reads.").tag(
        config=True)

    hub_name = Instance(
        hub_names.Publication, allow_none=True,
        help="The hub's private DNS name (``hub_name.Publication``), which servers reach the hub's API at once it "
             "points at this hub; None: they reach it at its IP.").tag(config=True)

    ecs = Any(help="The ECS client (``ecs.Ecs``); made from region and endpoint_url.")
    efs = Any(help="The EFS client (``homes.Efs``); made from region (AWS_ENDPOINT_URL_EFS for a test bed).")
    homes = Any(help="People's home folders on file_system (``homes.Homes``).")

    task_arn = Unicode(allow_none=True, default_value=None)

    @default("ecs")
    def _default_ecs(self):
        return ecs.Ecs.shared(self.region, self.endpoint_url)

    @default("efs")
    def _default_efs(self):
        return home_folders.Efs.shared(self.region)

    @default("homes")
    def _default_homes(self):
        return home_folders.Homes(self.ecs, self.efs, self.file_system, self.task_definition, self.container_name,
                                  self.profile_tag, poll_interval=self.ecs_poll_interval, shared=self.shared_folder)

    @default("start_timeout")
    def _default_start_timeout(self):
        return START_TIMEOUT

    @default("http_timeout")
    def _default_http_timeout(self):
        return HTTP_TIMEOUT

    # The server listens on every interface of its own task, at a fixed port the security group admits.
    @default("ip")
    def _default_ip(self):
        return "0.0.0.0"

    @default("port")
    def _default_port(self):
        return 8888

    # The hub's PATH, LANG etc. describe the hub's image, not the user's: keep none of them.
    @default("env_keep")
    def _default_env_keep(self):
        return []

    @default("options_form")
    def _default_options_form(self):
        return server_sizes.options_form(self.sizes) if len(self.sizes) > 1 else ""

    # JupyterHub 5.3+ applies user options (from the form or the REST API) before start(): checking the size
    # there answers a wrong one with why; start() checks again for older versions.
    @default("apply_user_options")
    def _default_apply_user_options(self):
        return _check_size

    def options_from_form(self, formdata):
        """The chosen size; a wrong one is refused here, so that JupyterHub shows the form again with why."""
        name = formdata.get("size", [""])[0]
        if not name:
            return {}
        server_sizes.chosen(self.sizes, {"size": name})
        return {"size": name}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._events = []
        self._events_changed = asyncio.Event()
        self._starting = False
        self._run_at = None
        # (the users' task definition's ARN, this person's own, the shared folder's mode) once their home folder
        # is set up.
        self._home = None

    # ---- state: the task ARN survives a hub restart
    def get_state(self):
        state = super().get_state()
        if self.task_arn:
            state["task_arn"] = self.task_arn
        return state

    def load_state(self, state):
        super().load_state(state)
        self.task_arn = state.get("task_arn") or None

    def clear_state(self):
        super().clear_state()
        self.task_arn = None

    # ---- what goes to ECS
    def get_env(self):
        """JupyterHub's environment, with the hub's private name instead of its IP once the name points here."""
        env = super().get_env()
        return self.hub_name.rewrite(env) if self.hub_name else env

    @property
    def started_by(self):
        """Who started the task, in ECS's own field: this hub's name for the person (and server)."""
        return ecs.started_by(STARTED_BY_PREFIX, self.user.name, self.name)

    def run_task_params(self, size, task_definition=None):
        container = {
            "name": self.container_name,
            "command": [*self.cmd, *self.get_args()],
            "environment": [{"name": k, "value": str(v)} for k, v in sorted(self.get_env().items())],
        }
        overrides = {"containerOverrides": [container], **(size.overrides() if size else {})}
        tags = [ecs.tag("jupyterhub:user", self.user.name)]
        if self.name:
            tags.append(ecs.tag("jupyterhub:server", self.name))
        if self.profile_tag:
            tags.append(ecs.tag("hubwizard:profile", self.profile_tag))
        if size:
            tags.append(ecs.tag("jupyterhub:size", size.name))
        return {
            "cluster": self.cluster,
            "taskDefinition": task_definition or self.task_definition,
            "launchType": "FARGATE",
            "count": 1,
            "networkConfiguration": {"awsvpcConfiguration": {
                "subnets": list(self.subnets),
                "securityGroups": list(self.security_groups),
                "assignPublicIp": "ENABLED" if self.assign_public_ip else "DISABLED",
            }},
            "overrides": overrides,
            "startedBy": self.started_by,
            "tags": tags,
            "enableECSManagedTags": True,
            # RunTask is retried on throttling and broken connections: the token makes a retry the same task.
            "clientToken": uuid.uuid4().hex,
        }

    # ---- progress
    def _event(self, progress, message):
        self._events.append({"progress": progress, "message": message})
        self._events_changed.set()

    async def progress(self):
        """ECS's stages while the task starts, as JupyterHub's progress events."""
        sent = 0
        while True:
            while sent < len(self._events):
                yield self._events[sent]
                sent += 1
            if not self._starting:
                return
            self._events_changed.clear()
            await self._events_changed.wait()

    # ---- start, poll, stop
    async def start(self):
        size = server_sizes.chosen(self.sizes, self.user_options)
        self._events = []
        self._starting = True
        try:
            await self._point_hub_name()
            await self._stop_leftovers()
            self._event(10, f"Asking AWS Fargate for your server ({size.label})" if size
                        else "Asking AWS Fargate for your server")
            task = await self.ecs.run_task(self.run_task_params(size, await self._task_definition()))
            self.task_arn = task["taskArn"]
            self._run_at = time.monotonic()
            self.log.info("Fargate task %s started for %s", self.task_arn, self._log_name)
            ip = await self._wait_until_running()
            return ip, self.port
        except (BotoCoreError, ClientError) as error:
            raise AwsRefused(f"The hub could not start your server on AWS Fargate: {str(error).rstrip('.')}. "
                             "Tell your hub's admin: the hub's log has the details.") from error
        finally:
            self._starting = False
            self._events_changed.set()

    async def _point_hub_name(self):
        """Waits until the hub's private name points at this hub (normally done long before, at the hub's start),
        so that the server gets the name; if it cannot, the server gets the hub's IP (hub_name.py)."""
        if self.hub_name and self.hub_name.due:
            self._event(5, "Pointing the hub's private name at this hub")
            await self.hub_name.ensure()

    async def _task_definition(self):
        """The users' task definition, or with home folders this person's own (with their folder mounted)."""
        if not self.file_system:
            return self.task_definition
        if self._home is None:
            self._event(15, "Preparing your home folder")
        self._home = await self.homes.task_definition(self.user.name, self._home, admin=bool(self.user.admin))
        return self._home[1]

    async def _stop_leftovers(self):
        """Stops this person's tasks a previous hub started but never recorded (it stopped mid-spawn).

        They carry that spawn's API token, which the hub no longer honours, so none of them can serve.
        """
        for arn in await self.ecs.running_tasks(self.cluster, self.started_by):
            if arn != self.task_arn:
                self.log.warning("Stopping %s's unrecorded Fargate task %s", self._log_name, arn)
                await self.ecs.stop_task(self.cluster, arn, "A hub that stopped mid-spawn started it")

    async def _wait_until_running(self):
        started = time.monotonic()
        reported = None
        while True:
            task = await self.ecs.describe_task(self.cluster, self.task_arn)
            if task is None:
                # DescribeTasks may not know a task RunTask has just started (eventual consistency).
                if time.monotonic() - started > self.consistency_timeout:
                    raise TaskStopped(f"ECS no longer knows the task {self.task_arn} it started")
            else:
                status = task.get("lastStatus", "")
                if status in STOPPING or task.get("desiredStatus") == "STOPPED":
                    raise TaskStopped(f"Your server's Fargate task stopped before it was ready: {why_stopped(task)}. "
                                      "Start it again; if it stops again, tell your hub's admin.")
                stage = _stage(task)
                if stage and stage != reported:
                    self._event(*stage)
                    reported = stage
                ip = ecs.private_ip(task)
                if status == "RUNNING" and ip:
                    return ip
            await asyncio.sleep(self.ecs_poll_interval)

    async def poll(self):
        """None while the task runs; its exit status once it stopped (0 when ECS no longer knows it)."""
        if not self.task_arn:
            return 0
        try:
            task = await self.ecs.describe_task(self.cluster, self.task_arn)
        except (BotoCoreError, ClientError) as error:  # an unanswered poll must not forget a running server
            self.log.warning("Could not ask ECS about %s's task %s (%s); assuming it still runs",
                             self._log_name, self.task_arn, error)
            return None
        if task is None:
            return 0
        if task.get("lastStatus") == "STOPPED" or task.get("desiredStatus") == "STOPPED":
            return exit_status(task, self.container_name)
        return None

    async def stop(self, now=False):
        if not self.task_arn:
            return
        reason = f"JupyterHub stopped {self._log_name}'s server"
        while not await self.ecs.stop_task(self.cluster, self.task_arn, reason):
            # A task RunTask has just started may be unknown to StopTask for a moment (eventual consistency).
            if self._run_at is None or time.monotonic() - self._run_at > self.consistency_timeout:
                return
            await asyncio.sleep(self.ecs_poll_interval)
        if now:
            return
        deadline = time.monotonic() + self.stop_wait_timeout
        while time.monotonic() < deadline:
            task = await self.ecs.describe_task(self.cluster, self.task_arn)
            if task is None or task.get("lastStatus") == "STOPPED":
                return
            await asyncio.sleep(self.ecs_poll_interval)
        self.log.warning("%s's task %s had not stopped after %s s; ECS will finish stopping it",
                         self._log_name, self.task_arn, self.stop_wait_timeout)


def _check_size(spawner, options):
    try:
        server_sizes.chosen(spawner.sizes, options)
    except server_sizes.BadSize as error:
        # JupyterHub passes an HTTPError through to the page (any other error becomes "Invalid user options").
        raise web.HTTPError(400, "%s", str(error)) from None


def _stage(task):
    status = task.get("lastStatus", "")
    if status == "PENDING" and task.get("pullStartedAt"):
        return PULLED if task.get("pullStoppedAt") else PULLING
    return STAGES.get(status)


def why_stopped(task):
    """ECS's reasons for a stopped task, the task's and its containers', in one line."""
    reasons = [task.get("stoppedReason") or task.get("stopCode") or "no reason given"]
    for container in task.get("containers", []):
        if container.get("reason"):
            reasons.append(f"{container.get('name', 'container')}: {container['reason']}")
    return "; ".join(reasons)


def exit_status(task, container_name):
    for container in task.get("containers", []):
        if container.get("name") == container_name and container.get("exitCode") is not None:
            return container["exitCode"]
    return 0 if task.get("stopCode") == "UserInitiated" else 1

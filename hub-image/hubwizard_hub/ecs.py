"""The ECS API as the hub's event loop needs it: botocore's client, called on a small thread pool.

botocore rather than aiobotocore: it is AWS's own client, two small packages on top of the hub image
(botocore, jmespath; the base already has python-dateutil and urllib3), while aiobotocore pins botocore to
a narrow range and adds aiohttp at a version that would have to agree with the one the JupyterHub 6 base
ships. A spawn makes a handful of calls, a few seconds apart, so a thread per call in flight is cheap;
botocore's clients are thread-safe once made, and making one (it reads the service's JSON model) runs on
the pool too. botocore's "standard" retry mode retries throttling and 5xx answers.

Every text that goes to AWS is made to fit AWS's documented limits here (``started_by``, ``tag``,
``stop_reason``), because real ECS rejects what moto lets through.
"""
import asyncio
import hashlib
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor

from .problems import SpawnProblem

# Up to this many AWS calls in flight at once, for all users together.
POOL_SIZE = 8
_POOL = ThreadPoolExecutor(max_workers=POOL_SIZE, thread_name_prefix="hubwizard-aws")

# startedBy: ECS allows 128 of [A-Za-z0-9/_-]; older documentation (and ListTasks' filter in some SDKs)
# says 36 of [A-Za-z0-9_-]. The stricter rule satisfies both.
STARTED_BY_MAX = 36
_STARTED_BY = re.compile(r"[A-Za-z0-9_-]{1,36}", re.ASCII)
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256
TAGS_MAX = 50
STOP_REASON_MAX = 255
# RunTask: "A total of 8192 characters are allowed for overrides. This limit includes the JSON
# formatting characters of the override structure."
OVERRIDES_MAX = 8192
# DescribeTasks takes up to 100 tasks a call.
DESCRIBE_TASKS_MAX = 100
_TAG_PUNCTUATION = set(" _.:/=+-@")


class TooLarge(SpawnProblem, ValueError):
    """What the hub would send does not fit ECS's limits."""


def started_by(*parts):
    """A startedBy value that names its owner, within ECS's characters and length.

    A value that would need changing to fit (a long or unusual name) becomes a readable prefix and a hash
    of the whole, so that two owners never share one.
    """
    raw = "-".join(p for p in parts if p)
    if _STARTED_BY.fullmatch(raw):
        return raw
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]
    prefix = re.sub(r"[^A-Za-z0-9_-]", "_", raw, flags=re.ASCII)[: STARTED_BY_MAX - len(digest) - 1]
    return f"{prefix}-{digest}"


def _tag_text(text, limit):
    cleaned = "".join(ch if ch.isalnum() or ch in _TAG_PUNCTUATION else "_" for ch in text)
    return cleaned[:limit]


def tag(key, value):
    """One ECS tag; characters AWS does not take become ``_`` and long texts are cut to AWS's lengths."""
    key = _tag_text(key, TAG_KEY_MAX)
    if not key or key.lower().startswith("aws:"):
        raise ValueError(f"{key!r} cannot be a tag key (empty, or AWS's reserved aws: prefix)")
    value = _tag_text(value, TAG_VALUE_MAX)
    if value.lower().startswith("aws:"):
        value = "_" + value[1:]
    return {"key": key, "value": value}


def stop_reason(text):
    return text[:STOP_REASON_MAX]


def check_overrides(overrides):
    size = len(json.dumps(overrides, separators=(",", ":")))
    if size > OVERRIDES_MAX:
        raise TooLarge(
            f"the server's settings for ECS take {size} characters, more than the {OVERRIDES_MAX} RunTask "
            "allows; shorten the environment (Spawner.environment) or the command's arguments")


def private_ip(task):
    """The task's private IPv4 address: its network interface's (awsvpc), or its container's."""
    for attachment in task.get("attachments", []):
        if attachment.get("type") == "ElasticNetworkInterface":
            for detail in attachment.get("details", []):
                if detail.get("name") == "privateIPv4Address" and detail.get("value"):
                    return detail["value"]
    for container in task.get("containers", []):
        for interface in container.get("networkInterfaces", []):
            if interface.get("privateIpv4Address"):
                return interface["privateIpv4Address"]
    return None


class RunTaskFailed(SpawnProblem, RuntimeError):
    """ECS accepted RunTask but started nothing (capacity, a bad subnet, a missing task definition)."""


class Ecs:
    """Async ECS calls on botocore's client.

    :param make_client: makes the botocore ECS client; called once, on the pool
    """

    _shared = {}
    _shared_lock = threading.Lock()

    def __init__(self, make_client):
        self._make_client = make_client
        self._client = None
        self._client_lock = threading.Lock()

    # botocore's name of the service this class calls.
    service = "ecs"

    @classmethod
    def shared(cls, region, endpoint_url=None):
        """One client per service, region and endpoint for the whole hub: every spawner uses it."""
        with cls._shared_lock:
            key = (cls.service, region, endpoint_url)
            if key not in cls._shared:
                cls._shared[key] = cls(lambda: make_client(region, endpoint_url, cls.service))
            return cls._shared[key]

    def _client_now(self):
        with self._client_lock:
            if self._client is None:
                self._client = self._make_client()
            return self._client

    async def call(self, operation, **params):
        """``operation`` of botocore's client (``run_task``, ...) without blocking the event loop."""
        def run():
            return getattr(self._client_now(), operation)(**params)

        return await asyncio.get_running_loop().run_in_executor(_POOL, run)

    async def run_task(self, params):
        check_overrides(params.get("overrides", {}))
        answer = await self.call("run_task", **params)
        if answer.get("failures") or not answer.get("tasks"):
            reasons = "; ".join(
                f"{f.get('reason', 'no reason given')}" + (f" ({f['detail']})" if f.get("detail") else "")
                for f in answer.get("failures", [])) or "ECS started no task and gave no reason"
            raise RunTaskFailed(f"AWS Fargate did not start your server: {reasons}. Start it again in a minute; "
                                "if it keeps failing, tell your hub's admin.")
        return answer["tasks"][0]

    async def describe_task(self, cluster, task_arn):
        """The task, or None while ECS does not know it (just after RunTask, or long after it stopped)."""
        answer = await self.call("describe_tasks", cluster=cluster, tasks=[task_arn])
        tasks = answer.get("tasks", [])
        return tasks[0] if tasks else None

    async def stop_task(self, cluster, task_arn, reason):
        """Stops the task; False when ECS does not know it (gone long ago, or too new to be seen yet)."""
        from botocore.exceptions import ClientError

        try:
            await self.call("stop_task", cluster=cluster, task=task_arn, reason=stop_reason(reason))
            return True
        except ClientError as error:
            message = error.response.get("Error", {}).get("Message", "")
            if error.response.get("Error", {}).get("Code") == "InvalidParameterException" and "not found" in message:
                return False
            raise

    async def describe_task_definition(self, task_definition):
        """The task definition and its tags, or (None, []) when ECS has no such family or revision."""
        from botocore.exceptions import ClientError

        try:
            answer = await self.call("describe_task_definition", taskDefinition=task_definition, include=["TAGS"])
        except ClientError as error:
            message = error.response.get("Error", {}).get("Message", "")
            if error.response.get("Error", {}).get("Code") == "ClientException" and "Unable to describe" in message:
                return None, []
            raise
        return answer["taskDefinition"], answer.get("tags", [])

    async def register_task_definition(self, params):
        return (await self.call("register_task_definition", **params))["taskDefinition"]

    async def describe_tasks(self, cluster, task_arns):
        """The tasks with their tags, and the ARNs ECS did not describe (unknown to it, or not yet)."""
        tasks = []
        for start in range(0, len(task_arns), DESCRIBE_TASKS_MAX):
            chunk = task_arns[start:start + DESCRIBE_TASKS_MAX]
            answer = await self.call("describe_tasks", cluster=cluster, tasks=chunk, include=["TAGS"])
            tasks += answer.get("tasks", [])
        described = {t["taskArn"] for t in tasks}
        return tasks, [arn for arn in task_arns if arn not in described]

    async def running_tasks(self, cluster, started_by_value=None):
        """ARNs of the tasks (started with ``started_by_value``, or all) that are meant to be running: PROVISIONING,
        PENDING and RUNNING ones."""
        arns = []
        params = {"cluster": cluster, "desiredStatus": "RUNNING"}
        if started_by_value:
            params["startedBy"] = started_by_value
        while True:
            answer = await self.call("list_tasks", **params)
            arns += answer.get("taskArns", [])
            if not answer.get("nextToken"):
                return arns
            params["nextToken"] = answer["nextToken"]


def make_client(region, endpoint_url=None, service="ecs"):
    """botocore's client of ``service``: the task role's credentials on Fargate, AWS's retry rules, bounded
    waits."""
    import botocore.config
    import botocore.session

    config = botocore.config.Config(
        retries={"mode": "standard", "total_max_attempts": 5},
        connect_timeout=5,
        read_timeout=30,
        max_pool_connections=POOL_SIZE,
        user_agent_extra="hubwizard-hub",
    )
    return botocore.session.get_session().create_client(
        service, region_name=region or None, endpoint_url=endpoint_url or None, config=config)

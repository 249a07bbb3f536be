"""The sweep at the hub's start: people's Fargate tasks that no server of this hub records are stopped.

A hub that dies mid-spawn (killed, its task replaced) leaves the task RunTask had started, whose ARN never
reached the database: JupyterHub records a server's state only once it answers. Nobody can use that task (it
carries the dead spawn's API token) but it bills until stopped. ``FargateSpawner`` stops such a leftover when
its person starts again; this sweep stops them all as soon as the next hub starts, whether the person comes
back or not.

What it stops: tasks in the cluster that a FargateSpawner of this profile started (``startedBy`` of the
spawner's, the ``jupyterhub:user`` tag and this profile's ``hubwizard:profile`` tag) and that are meant to run,
PROVISIONING and PENDING ones included. What it never stops: a task a spawner's saved state references (the
hub re-attaches to those, or stops them itself), a task a spawner of this hub knows, and the tasks of a person
whose spawn is under way (that spawn stops its person's leftovers itself; their new task may not be recorded
yet). Who owns what is decided after AWS has answered, so a spawn that began meanwhile is seen.

Every AWS call runs on the AWS thread pool (``ecs.Ecs.call``), never on the hub's event loop.
"""
import asyncio
import logging
import time
from dataclasses import dataclass

from botocore.exceptions import BotoCoreError, ClientError

from . import background
from . import ecs

log = logging.getLogger("JupyterHub")

STOP_REASON = "No server of the hub records it: a hub that stopped mid-spawn started it"
# How long to wait for a started hub's database and users, before giving up the sweep.
HUB_READY_TIMEOUT = 300


@dataclass(frozen=True)
class Owners:
    """What this hub owns, as of now."""

    task_arns: frozenset
    # startedBy values of spawners whose start is under way.
    starting: frozenset


class OrphanSweep:
    """One sweep of the cluster.

    :param owners: () -> Owners, asked once AWS has said which tasks run
    """

    def __init__(self, ecs_client, cluster, profile_tag, started_by_prefix, owners, poll_interval=2.0,
                 consistency_timeout=30.0):
        self.ecs = ecs_client
        self.cluster = cluster
        self.profile = ecs.tag("hubwizard:profile", profile_tag)["value"]
        self.started_by_prefix = started_by_prefix + "-"
        self.owners = owners
        self.poll_interval = poll_interval
        self.consistency_timeout = consistency_timeout

    async def run(self):
        """Stops the orphans; the ARNs it stopped."""
        arns = await self.ecs.running_tasks(self.cluster)
        # A task may have been stopped since ListTasks answered: it goes on its own.
        ours = [t for t in await self._described(arns)
                if self._started_here(t) and t.get("desiredStatus") != "STOPPED"]
        owners = self.owners()
        stopped = []
        for task in ours:
            arn = task["taskArn"]
            person = _tags(task).get("jupyterhub:user", "?")
            if arn in owners.task_arns:
                continue
            if task.get("startedBy") in owners.starting:
                log.info("Hub Wizard: leaving %s's Fargate task %s to the spawn under way", person, arn)
                continue
            log.warning("Hub Wizard: stopping %s's Fargate task %s (%s): no server of this hub records it; a hub "
                        "that stopped mid-spawn started it", person, arn, task.get("lastStatus", "status unknown"))
            if await self.ecs.stop_task(self.cluster, arn, STOP_REASON):
                stopped.append(arn)
        log.info("Hub Wizard: %d of this hub's Fargate task(s) running, %d stopped as nobody's",
                 len(ours), len(stopped))
        return stopped

    async def _described(self, arns):
        """The tasks, with their tags. A task RunTask has just started may be unknown to DescribeTasks for a
        moment (eventual consistency): those are asked for again, up to the consistency window."""
        tasks = []
        deadline = time.monotonic() + self.consistency_timeout
        while arns:
            found, arns = await self.ecs.describe_tasks(self.cluster, arns)
            tasks += found
            if not arns:
                break
            if time.monotonic() > deadline:
                log.warning("Hub Wizard: ECS does not describe the task(s) %s it listed; leaving them",
                            ", ".join(arns))
                break
            await asyncio.sleep(self.poll_interval)
        return tasks

    def _started_here(self, task):
        tags = _tags(task)
        return (task.get("startedBy", "").startswith(self.started_by_prefix) and "jupyterhub:user" in tags
                and tags.get("hubwizard:profile") == self.profile)


def _tags(task):
    return {t.get("key"): t.get("value") for t in task.get("tags", [])}


def hub_owners(app):
    """Owners from JupyterHub's app: the task ARNs in every spawner's saved state and in the spawners it has
    made, and the spawners whose start is pending."""
    from jupyterhub import orm

    def owners():
        arns = set()
        starting = set()
        for orm_spawner in app.db.query(orm.Spawner):
            arn = (orm_spawner.state or {}).get("task_arn")
            if arn:
                arns.add(arn)
        for user in list(app.users.values()):
            for spawner in list(user.spawners.values()):
                if getattr(spawner, "task_arn", None):
                    arns.add(spawner.task_arn)
                if spawner.pending == "spawn" and hasattr(spawner, "started_by"):
                    starting.add(spawner.started_by)
        return Owners(frozenset(arns), frozenset(starting))

    return owners


async def sweep_when_ready(app, make_sweep, poll_interval=0.5, timeout=HUB_READY_TIMEOUT):
    """Waits until the hub has its database and users, then sweeps once; AWS's refusals are logged, never
    raised (the hub runs on without the sweep)."""
    deadline = time.monotonic() + timeout
    try:
        # JupyterHub makes its users' dict with its web settings, after the database; asking for it sooner
        # fails, so the sweep waits until the hub has made it.
        while getattr(app, "db", None) is None or not app.trait_has_value("users"):
            if time.monotonic() > deadline:
                log.warning("Hub Wizard: the hub had no users after %d s; no sweep of leftover Fargate tasks",
                            timeout)
                return []
            await asyncio.sleep(poll_interval)
        return await make_sweep(hub_owners(app)).run()
    except (BotoCoreError, ClientError) as error:
        log.warning("Hub Wizard: could not look for leftover Fargate tasks (%s); a person's next start stops "
                    "theirs", error)
    except Exception:  # a background task: whatever went wrong is logged, and the hub runs on
        log.exception("Hub Wizard: the sweep of leftover Fargate tasks failed; a person's next start stops theirs")
    return []


def schedule(make_sweep):
    """Starts the sweep on the hub's event loop when this runs inside a starting hub (``background``). The task,
    or None."""
    return background.in_starting_hub(lambda app: sweep_when_ready(app, make_sweep))

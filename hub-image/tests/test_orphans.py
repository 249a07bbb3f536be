"""The sweep at the hub's start against moto's ECS, with ECS's lifecycle played by the test bed
(fargate_testbed.py): a task a hub that died mid-spawn started is stopped; recorded tasks, a spawn under way,
the hub's own task and other profiles' tasks are left alone."""
import asyncio
import logging
from types import SimpleNamespace

import pytest
from botocore.exceptions import ClientError
from traitlets import Any, HasTraits, Instance, default

from fargate_testbed import Bed, _database, aws, moto_endpoint, new_spawner  # noqa: F401 -- aws, moto_endpoint: fixtures
from hubwizard_hub import orphans
from hubwizard_hub.fargate import STARTED_BY_PREFIX
from hubwizard_hub.orphans import OrphanSweep, Owners

NOBODY = Owners(frozenset(), frozenset())


class StartingHub(HasTraits):
    """JupyterHub's app as the sweep sees it while it starts: its database comes first, then its users, which
    it makes once its web settings are ready (asking for them sooner fails, as it does here)."""

    db = Any(None)
    users = Instance(dict)

    @default("users")
    def _users_default(self):
        raise AssertionError("the hub's users were asked for before the hub made them")


@pytest.fixture
def bed(aws):
    return Bed(aws)


@pytest.fixture
def hub_log(caplog):
    """What the sweep logs. Making JupyterHub's database first: its migrations set logging up anew."""
    _database()
    caplog.set_level(logging.INFO, "JupyterHub")
    return caplog


def sweep(bed, owners=NOBODY):
    """A sweep of the bed's cluster; ``owners``: an Owners, or what asks for them."""
    return OrphanSweep(bed.ecs, bed.cluster, "team-hub", STARTED_BY_PREFIX,
                       owners if callable(owners) else lambda: owners, poll_interval=0.02, consistency_timeout=1.0)


async def killed_mid_spawn(bed, name="alice"):
    """A spawn cut off while its task is PROVISIONING, as a hub killed then: the task ARN was never saved."""
    bed.ecs.script = [{"lastStatus": "PROVISIONING"}]
    spawner = new_spawner(bed, name=name)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(spawner.start(), 0.3)
    return spawner.task_arn


async def running(bed, name, **settings):
    bed.ecs.script = [{"lastStatus": "RUNNING"}]
    spawner = new_spawner(bed, name=name, **settings)
    await spawner.start()
    return spawner


async def test_a_task_no_server_records_is_stopped_and_recorded_ones_are_left(bed, hub_log):
    orphan = await killed_mid_spawn(bed)
    bob = await running(bed, "bob")
    bed.ecs.script = [{"lastStatus": "PROVISIONING"}]

    stopped = await sweep(bed, Owners(frozenset({bob.task_arn}), frozenset())).run()

    assert stopped == [orphan]
    task = bed.task(orphan)
    assert task["lastStatus"] == "STOPPED" and task["stoppedReason"] == orphans.STOP_REASON
    assert bed.running() == [bob.task_arn]
    assert f"stopping alice's Fargate task {orphan} (PROVISIONING): no server of this hub records it" in hub_log.text
    assert "2 of this hub's Fargate task(s) running, 1 stopped as nobody's" in hub_log.text
    assert bed.limits.breaches == []


async def test_the_hubs_own_task_and_other_profiles_tasks_are_left_alone(bed):
    carol = await running(bed, "carol", profile_tag="another-hub")
    # The hub's own task, started by its service: the profile's tag (propagated) but not a spawner's. (A service's
    # tasks say ecs-svc/ID; the test bed's stricter startedBy takes no "/".)
    hub = bed.ecs_client.run_task(
        cluster=bed.cluster, taskDefinition=bed.family, launchType="FARGATE", startedBy="ecs-svc-1234567890",
        networkConfiguration={"awsvpcConfiguration": {"subnets": [bed.subnet], "securityGroups": [bed.security_group]}},
        tags=[{"key": "hubwizard:profile", "value": "team-hub"}])["tasks"][0]["taskArn"]

    assert await sweep(bed).run() == []
    assert sorted(bed.running()) == sorted([carol.task_arn, hub])


async def test_the_tasks_of_a_person_whose_spawn_is_under_way_are_left_to_that_spawn(bed):
    orphan = await killed_mid_spawn(bed)
    spawning = new_spawner(bed, name="alice")

    assert await sweep(bed, Owners(frozenset(), frozenset({spawning.started_by}))).run() == []
    assert bed.running() == [orphan]


async def test_a_task_describe_tasks_does_not_know_yet_is_asked_for_again(bed):
    orphan = await killed_mid_spawn(bed)
    bed.ecs.script = [None, None, {"lastStatus": "PROVISIONING"}]
    bed.ecs._seen.clear()

    assert await sweep(bed).run() == [orphan]
    assert bed.limits.calls["DescribeTasks"] >= 3


async def test_who_owns_what_is_asked_once_aws_has_answered(bed):
    """A spawn that records its task while the sweep lists the cluster is seen: owners() comes after."""
    spawner = await running(bed, "alice")
    asked = []

    def owners():
        asked.append(bed.limits.calls["DescribeTasks"])
        return Owners(frozenset({spawner.task_arn}), frozenset())

    assert await OrphanSweep(bed.ecs, bed.cluster, "team-hub", STARTED_BY_PREFIX, owners).run() == []
    assert asked and asked[0] > 0


async def test_hub_owners_reads_saved_states_and_the_spawners_the_hub_made(bed):
    recorded = await running(bed, "bob")
    recorded.orm_spawner.state = recorded.get_state()
    _database().commit()
    live = await running(bed, "carol")
    starting = new_spawner(bed, name="dave")
    starting._spawn_pending = True
    users = {s.user.name: s.user for s in (live, starting)}
    for spawner in (live, starting):
        spawner.user.spawners[spawner.name] = spawner

    owners = orphans.hub_owners(SimpleNamespace(db=_database(), users=users))()

    assert {recorded.task_arn, live.task_arn} <= owners.task_arns
    assert owners.starting == {"jh-dave"}


async def test_the_sweep_waits_for_the_hubs_database_and_a_refusal_is_logged_not_raised(bed, hub_log):
    orphan = await killed_mid_spawn(bed)
    app = StartingHub()
    task = asyncio.ensure_future(orphans.sweep_when_ready(app, lambda owners: sweep(bed, owners),
                                                          poll_interval=0.02))
    await asyncio.sleep(0.1)
    app.db = _database()
    await asyncio.sleep(0.1)
    assert not task.done() and bed.running() == [orphan], "no users yet: not asked for (JupyterHub would fail)"
    app.users = {}

    assert await asyncio.wait_for(task, 10) == [orphan]

    bed.ecs.failing = ClientError({"Error": {"Code": "AccessDeniedException", "Message": "not authorized"}},
                                  "ListTasks")
    assert await orphans.sweep_when_ready(app, lambda owners: sweep(bed, owners)) == []
    assert "could not look for leftover Fargate tasks" in hub_log.text and "AccessDenied" in hub_log.text


async def test_outside_a_starting_hub_nothing_is_scheduled():
    assert orphans.schedule(lambda owners: pytest.fail("no sweep")) is None, "a running loop but no hub"


def test_without_an_event_loop_nothing_is_scheduled():
    assert orphans.schedule(lambda owners: pytest.fail("no sweep")) is None

"""FargateSpawner against moto's ECS in server mode, with ECS's lifecycle played by the test bed.

moto starts tasks RUNNING and stops them STOPPED at once and gives no image pull; ``StagedEcs`` lays ECS's
stages (unknown just after RunTask, PROVISIONING, PENDING and the pull, ACTIVATING, RUNNING with the IP)
over moto's answers, and ``AwsLimits`` fails any request real ECS would refuse (fargate_testbed.py).
"""
import asyncio
import ipaddress

import pytest
from tornado.web import HTTPError

from fargate_testbed import Bed, aws, moto_endpoint, new_spawner, started  # noqa: F401 -- aws and moto_endpoint are fixtures
from hubwizard_hub import sizes
from hubwizard_hub.fargate import AwsRefused, TaskStopped

SIZES = [sizes.size("Small", "0.5", "1"), sizes.size("Medium", "1", "4"), sizes.size("Large", "4", "16")]


@pytest.fixture
def bed(aws):
    return Bed(aws)


async def test_start_runs_the_users_task_and_returns_its_private_address(bed):
    spawner = new_spawner(bed, sizes=SIZES)
    spawner.user_options = {"size": "Medium"}

    (ip, port), _ = await started(spawner)

    assert ipaddress.ip_address(ip).is_private and port == 8888
    task = bed.task(spawner.task_arn)
    assert task["lastStatus"] == "RUNNING" and task["launchType"] == "FARGATE"
    assert task["taskDefinitionArn"].split("/")[-1].startswith(bed.family + ":")
    assert task["overrides"]["cpu"] == "1024" and task["overrides"]["memory"] == "4096"
    container = task["overrides"]["containerOverrides"][0]
    assert container["name"] == "notebook" and container["command"] == ["jupyterhub-singleuser"]
    env = {e["name"]: e["value"] for e in container["environment"]}
    assert env["JUPYTERHUB_USER"] == "alice" and env["JUPYTERHUB_API_TOKEN"] == spawner.api_token
    assert env["JUPYTERHUB_SERVICE_URL"] == "http://0.0.0.0:8888/user/alice/"
    assert "PATH" not in env, "the hub's own PATH must not replace the user image's"
    assert {t["key"]: t["value"] for t in task["tags"]} == {
        "jupyterhub:user": "alice", "hubwizard:profile": "team-hub", "jupyterhub:size": "Medium"}
    assert task["startedBy"] == "jh-alice"


async def test_the_spawn_page_follows_ecs_stages_in_order(bed):
    spawner = new_spawner(bed, sizes=SIZES)

    _, events = await started(spawner)

    messages = [e["message"] for e in events]
    assert messages[0] == "Asking AWS Fargate for your server (Small: 0.5 vCPU, 1 GB memory)"
    assert [m.split(" ")[0:3] for m in messages[1:]] == [
        ["AWS", "Fargate", "is"], ["Your", "server's", "task"], ["Downloading", "your", "server's"],
        ["Image", "downloaded;", "starting"], ["Your", "server's", "task"], ["Your", "server", "is"]]
    progress = [e["progress"] for e in events]
    assert progress == sorted(progress) and progress[-1] < 100


async def test_a_task_unknown_to_describe_tasks_just_after_run_task_is_waited_for(bed):
    bed.ecs.script = [None, None, None, {"lastStatus": "RUNNING"}]
    spawner = new_spawner(bed)

    (ip, _), _ = await started(spawner)

    assert ip and bed.limits.calls["DescribeTasks"] == 4


async def test_a_task_ecs_never_knows_fails_the_spawn_once_the_consistency_window_is_over(bed):
    bed.ecs.script = [None]
    spawner = new_spawner(bed, consistency_timeout=0.2)

    with pytest.raises(TaskStopped, match="ECS no longer knows the task"):
        await spawner.start()


async def test_a_spawn_makes_few_aws_calls(bed):
    spawner = new_spawner(bed)

    await started(spawner)

    # ListTasks (leftovers), RunTask, and one DescribeTasks per stage of the script.
    assert dict(bed.limits.calls) == {"ListTasks": 1, "RunTask": 1, "DescribeTasks": len(bed.ecs.script)}


async def test_a_task_that_stops_while_starting_fails_the_spawn_with_ecss_reason(bed):
    spawner = new_spawner(bed)
    bed.ecs.script = [{"lastStatus": "PROVISIONING"}, {
        "lastStatus": "STOPPED", "desiredStatus": "STOPPED", "stopCode": "TaskFailedToStart",
        "stoppedReason": "CannotPullContainerError: pull image manifest has been retried 5 time(s)",
        "containers": [{"name": "notebook", "reason": "CannotPullContainerError: not found"}]}]

    with pytest.raises(TaskStopped) as failure:
        await spawner.start()

    assert str(failure.value) == (
        "Your server's Fargate task stopped before it was ready: CannotPullContainerError: pull image manifest "
        "has been retried 5 time(s); notebook: CannotPullContainerError: not found. Start it again; if it stops "
        "again, tell your hub's admin.")
    assert failure.value.jupyterhub_message == str(failure.value), "JupyterHub shows it on the spawn page"


async def test_a_start_timeout_then_stop_leaves_no_task_running(bed):
    """JupyterHub cancels start() at start_timeout and then calls stop(): the task must go."""
    bed.ecs.script = [{"lastStatus": "PROVISIONING"}]
    spawner = new_spawner(bed)

    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(spawner.start(), 0.5)
    assert spawner.task_arn
    assert [e["message"] for e in [e async for e in spawner.progress()]][-1].startswith("AWS Fargate is finding"), \
        "the progress stream ends with the cancelled start"
    await spawner.stop()

    assert bed.task(spawner.task_arn)["lastStatus"] == "STOPPED"
    assert bed.running() == []


async def test_poll_tells_running_from_stopped(bed):
    spawner = new_spawner(bed)
    assert await spawner.poll() == 0, "no task: not running"
    await started(spawner)

    assert await spawner.poll() is None
    bed.ecs_client.stop_task(cluster=bed.cluster, task=spawner.task_arn, reason="Stopped in the console")
    assert await spawner.poll() == 0, "stopped by someone else: the container's exit code (moto's 0)"


async def test_a_stop_just_after_run_task_waits_until_stop_task_knows_the_task(bed):
    bed.ecs.script = [{"lastStatus": "PROVISIONING"}]
    spawner = new_spawner(bed)
    start = asyncio.ensure_future(spawner.start())
    # Cut off once ECS has the task, however long RunTask took (a fixed delay could come before it on a busy machine).
    for _ in range(1000):
        if spawner.task_arn:
            break
        await asyncio.sleep(0.01)
    assert spawner.task_arn, "RunTask was sent within 10 s"
    start.cancel()
    with pytest.raises(asyncio.CancelledError):
        await start
    bed.ecs.stop_unknown_for = 3

    await spawner.stop(now=True)

    assert bed.ecs.stop_unknown_for == 0 and bed.running() == []


async def test_a_poll_aws_does_not_answer_keeps_the_server(bed):
    """Answering "stopped" would make JupyterHub forget a server that still runs (and bills)."""
    from botocore.exceptions import ClientError

    spawner = new_spawner(bed)
    await started(spawner)
    bed.ecs.failing = ClientError({"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}},
                                  "DescribeTasks")

    assert await spawner.poll() is None


async def test_an_aws_refusal_fails_the_spawn_with_a_message_for_the_person(bed):
    spawner = new_spawner(bed, cluster="no-such-cluster")

    with pytest.raises(AwsRefused) as refused:
        await spawner.start()

    assert "The hub could not start your server on AWS Fargate: " in refused.value.jupyterhub_message
    assert "ClusterNotFoundException" in str(refused.value) and "Cluster not found. Tell your hub's admin" in str(
        refused.value)


async def test_stop_stops_the_task_and_waits_for_stopped(bed):
    spawner = new_spawner(bed)
    await started(spawner)

    await spawner.stop()

    task = bed.task(spawner.task_arn)
    assert task["lastStatus"] == "STOPPED"
    assert task["stoppedReason"] == "JupyterHub stopped alice's server"
    assert await spawner.poll() is not None


async def test_state_keeps_the_task_so_a_restarted_hub_re_attaches(bed):
    spawner = new_spawner(bed)
    await started(spawner)
    state = spawner.get_state()
    assert state["task_arn"] == spawner.task_arn

    restarted = new_spawner(bed)
    restarted.load_state(state)

    assert restarted.task_arn == spawner.task_arn
    assert await restarted.poll() is None, "the running server is found again, not orphaned"
    await restarted.stop()
    assert bed.running() == []
    restarted.clear_state()
    assert restarted.get_state() == {} and restarted.task_arn is None


async def test_a_hub_that_stopped_mid_spawn_leaves_nothing_on_the_next_spawn(bed):
    """The first hub's start() never recorded its task; the next spawn for that person stops it."""
    bed.ecs.script = [{"lastStatus": "PROVISIONING"}]
    first = new_spawner(bed)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(first.start(), 0.3)
    orphan = first.task_arn

    bed.ecs.script = [{"lastStatus": "RUNNING"}]
    second = new_spawner(bed)
    await started(second)

    assert bed.task(orphan)["lastStatus"] == "STOPPED"
    assert bed.running() == [second.task_arn]


async def test_other_peoples_tasks_are_left_alone(bed):
    bed.ecs.script = [{"lastStatus": "RUNNING"}]
    bob = new_spawner(bed, name="bob")
    await started(bob)
    await started(new_spawner(bed, name="alice"))

    assert bob.task_arn in bed.running() and len(bed.running()) == 2


async def test_a_size_that_is_not_offered_is_refused_before_anything_starts(bed):
    spawner = new_spawner(bed, sizes=SIZES)
    spawner.user_options = {"size": "Huge"}

    with pytest.raises(sizes.BadSize, match="'Huge' is not one of this hub's server sizes: Small, Medium, Large"):
        await spawner.start()
    assert bed.limits.calls["RunTask"] == 0


async def test_jupyterhub_checks_the_chosen_size_before_start(bed):
    spawner = new_spawner(bed, sizes=SIZES)

    await spawner._run_apply_user_options({"size": "Large"})
    with pytest.raises(HTTPError) as refused:
        await spawner._run_apply_user_options({"size": "Huge"})
    assert refused.value.status_code == 400
    assert refused.value.log_message % refused.value.args == (
        "'Huge' is not one of this hub's server sizes: Small, Medium, Large")


async def test_without_sizes_the_task_definitions_own_size_is_used(bed):
    spawner = new_spawner(bed)

    await started(spawner)

    overrides = bed.task(spawner.task_arn)["overrides"]
    assert "cpu" not in overrides and "memory" not in overrides


def test_the_options_form_offers_the_sizes_and_reads_the_choice(bed):
    spawner = new_spawner(bed, sizes=SIZES)

    form = spawner.options_form
    assert form.count('type="radio" name="size"') == 3
    assert 'value="Small" checked><label class="form-check-label" for="size-0">Small: 0.5 vCPU, 1 GB memory<' in form
    assert "Large: 4 vCPU, 16 GB memory" in form
    assert spawner.options_from_form({"size": ["Large"]}) == {"size": "Large"}
    assert spawner.options_from_form({}) == {}
    with pytest.raises(sizes.BadSize, match="'Huge' is not one of this hub's server sizes") as refused:
        spawner.options_from_form({"size": ["Huge"]})
    assert refused.value.jupyterhub_message == str(refused.value)
    assert new_spawner(bed, sizes=SIZES[:1]).options_form == "", "one size: nothing to choose"


async def test_long_and_unusual_names_stay_within_aws_limits(bed):
    name = "a" * 32
    spawner = new_spawner(bed, name=name, server_name="Experiment #1 (ünïcode) " + "x" * 300,
                          profile_tag="team hub: aws:" + "p" * 300)

    await started(spawner)

    task = bed.task(spawner.task_arn)
    assert len(task["startedBy"]) <= 36 and task["startedBy"].startswith("jh-aaaa")
    tags = {t["key"]: t["value"] for t in task["tags"]}
    assert tags["jupyterhub:user"] == name and len(tags["hubwizard:profile"]) == 256
    assert tags["jupyterhub:server"].startswith("Experiment _1 _ünïcode_ xxx")
    assert bed.limits.breaches == []


async def test_overrides_larger_than_ecs_takes_are_refused_with_a_clear_message(bed):
    spawner = new_spawner(bed, environment={"BIG": "x" * 9000})

    with pytest.raises(ValueError, match="more than the 8192 RunTask allows"):
        await spawner.start()
    assert bed.limits.calls["RunTask"] == 0

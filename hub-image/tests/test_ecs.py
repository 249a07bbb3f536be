"""What goes to ECS fits AWS's limits, and what comes back is read as ECS writes it."""
import asyncio
import re
import threading

import pytest

from hubwizard_hub import ecs
from hubwizard_hub.fargate import exit_status, why_stopped


@pytest.mark.parametrize("parts, expected", [
    (("jh", "alice", ""), "jh-alice"),
    (("jh", "bob", "gpu-1"), "jh-bob-gpu-1"),
])
def test_started_by_keeps_names_that_fit(parts, expected):
    assert ecs.started_by(*parts) == expected


@pytest.mark.parametrize("parts", [("jh", "a" * 40, ""), ("jh", "alice", "my server!"), ("jh", "ünï", "")])
def test_started_by_that_would_not_fit_becomes_a_prefix_and_a_hash(parts):
    value = ecs.started_by(*parts)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,36}", value), value
    assert value.startswith("jh-")
    assert value != ecs.started_by(*parts[:2], parts[2] + "x"), "different owners, different values"


def test_tags_keep_aws_characters_and_lengths():
    assert ecs.tag("jupyterhub:user", "carol_example_org") == {"key": "jupyterhub:user", "value": "carol_example_org"}
    assert ecs.tag("k", "José's #1 (test)")["value"] == "José_s _1 _test_"
    assert len(ecs.tag("k" * 200, "v" * 300)["key"]) == 128
    assert len(ecs.tag("k", "v" * 300)["value"]) == 256
    assert ecs.tag("k", "aws:thing")["value"] == "_ws:thing"
    with pytest.raises(ValueError, match="reserved aws: prefix"):
        ecs.tag("AWS:owner", "x")


def test_a_stop_reason_is_cut_to_255_characters():
    assert len(ecs.stop_reason("x" * 400)) == 255


def test_overrides_are_measured_as_ecs_measures_them():
    ecs.check_overrides({"containerOverrides": [{"name": "n", "environment": [{"name": "A", "value": "x" * 8000}]}]})
    with pytest.raises(ecs.TooLarge, match="more than the 8192 RunTask allows"):
        ecs.check_overrides({"containerOverrides": [{"environment": [{"name": "A", "value": "x" * 8192}]}]})


def test_the_private_ip_comes_from_the_network_interface_or_the_container():
    eni = {"type": "ElasticNetworkInterface", "details": [{"name": "privateIPv4Address", "value": "10.0.1.7"}]}
    assert ecs.private_ip({"attachments": [eni]}) == "10.0.1.7"
    assert ecs.private_ip({"containers": [{"networkInterfaces": [{"privateIpv4Address": "10.0.1.8"}]}]}) == "10.0.1.8"
    assert ecs.private_ip({"attachments": [{"type": "ElasticNetworkInterface", "details": []}]}) is None


def test_exit_status_is_the_containers_or_follows_who_stopped_the_task():
    container = {"name": "notebook", "exitCode": 137}
    assert exit_status({"containers": [container]}, "notebook") == 137
    assert exit_status({"containers": [{"name": "sidecar", "exitCode": 3}], "stopCode": "UserInitiated"},
                       "notebook") == 0
    assert exit_status({"stopCode": "TaskFailedToStart"}, "notebook") == 1


def test_why_stopped_names_the_task_and_container_reasons():
    assert why_stopped({"stopCode": "SpotInterruption"}) == "SpotInterruption"
    assert why_stopped({}) == "no reason given"


async def test_calls_run_off_the_event_loop_and_run_task_failures_are_reported():
    threads = []

    class Client:
        def run_task(self, **params):
            threads.append(threading.current_thread())
            return {"tasks": [], "failures": [{"arn": "x", "reason": "RESOURCE:ENI", "detail": "no free addresses"}]}

    with pytest.raises(ecs.RunTaskFailed, match=r"did not start your server: RESOURCE:ENI \(no free addresses\)\. "
                                                r"Start it again in a minute"):
        await ecs.Ecs(Client).run_task({})
    assert threads and threads[0] is not threading.main_thread()


async def test_one_client_is_made_for_many_calls_at_once():
    made = []

    class Client:
        def describe_tasks(self, **params):
            return {"tasks": [{"taskArn": params["tasks"][0]}]}

    def make():
        made.append(1)
        return Client()

    client = ecs.Ecs(make)
    answers = await asyncio.gather(*(client.describe_task("c", f"t{i}") for i in range(20)))
    assert [a["taskArn"] for a in answers] == [f"t{i}" for i in range(20)] and made == [1]


def test_the_shared_client_is_one_per_region_and_endpoint():
    assert ecs.Ecs.shared("eu-west-1") is ecs.Ecs.shared("eu-west-1")
    assert ecs.Ecs.shared("eu-west-1") is not ecs.Ecs.shared("us-east-1")


def test_the_real_client_uses_awss_retry_rules_and_bounded_waits():
    client = ecs.make_client("eu-west-1", "http://127.0.0.1:9")
    assert client.meta.region_name == "eu-west-1" and client.meta.endpoint_url == "http://127.0.0.1:9"
    assert client.meta.config.retries == {"mode": "standard", "total_max_attempts": 5}
    assert client.meta.config.connect_timeout == 5 and client.meta.config.read_timeout == 30


async def test_stop_task_tells_a_task_ecs_does_not_know_from_other_errors():
    from botocore.exceptions import ClientError

    class Client:
        def __init__(self, code, message):
            self.error = ClientError({"Error": {"Code": code, "Message": message}}, "StopTask")

        def stop_task(self, **params):
            raise self.error

    unknown = Client("InvalidParameterException", "The referenced task was not found.")
    assert await ecs.Ecs(lambda: unknown).stop_task("c", "t", "r") is False
    denied = Client("AccessDeniedException", "not authorized to perform: ecs:StopTask")
    with pytest.raises(ClientError, match="AccessDenied"):
        await ecs.Ecs(lambda: denied).stop_task("c", "t", "r")

"""The hub's private name against moto's Route 53 in server mode (a private hosted zone in the test bed's VPC):
the hub points an A record at its IP and waits for INSYNC (``StagedRoute53`` keeps a change PENDING first, as
Route 53 does); servers get the name only once it is published; a hub that cannot publish serves on with its IP.
"""
import asyncio
import logging
import threading

import pytest
from botocore.exceptions import ClientError
from jupyterhub.app import JupyterHub
from jupyterhub.objects import Hub

from fargate_testbed import REGION, Bed, aws, moto_endpoint, new_spawner, started  # noqa: F401 -- aws, moto_endpoint: fixtures
from hubwizard_hub import background, ecs, hub_name
from hubwizard_hub.config import configure
from hubwizard_hub.environment import Environment
from hubwizard_hub.fargate import FargateSpawner
from hubwizard_hub.hub_name import ApiName, Publication

IP = "10.0.1.20"
FARGATE = {
    "HUB_SPAWNER": "fargate",
    "HUB_FARGATE_CLUSTER": "team-hub",
    "HUB_FARGATE_TASK_DEFINITION": "team-hub-users",
    "HUB_FARGATE_SUBNETS": "subnet-0123456789abcdef0",
    "HUB_FARGATE_SECURITY_GROUPS": "sg-0123456789abcdef0",
    "HUB_CONNECT_IP": IP,
    "AWS_REGION": REGION,
}
NAMED = {"HUB_FARGATE_API_ZONE": "Z0123456789ABCDEFGHIJ", "HUB_FARGATE_API_NAME": "hub.team-hub.hubwizard.internal"}
REFUSED = ClientError({"Error": {"Code": "AccessDenied", "Message": "User: arn:aws:sts::123456789012:assumed-role/"
                                 "hub/x is not authorized to perform: route53:ChangeResourceRecordSets"}},
                      "ChangeResourceRecordSets")


@pytest.fixture
def bed(aws):
    return Bed(aws)


@pytest.fixture
def zone(bed):
    return bed.private_zone()


@pytest.fixture
def hub_log(caplog):
    caplog.set_level(logging.INFO, logger="JupyterHub")
    return caplog


def publication(bed, zone, ip=IP, **timing):
    zone_id, zone_name = zone
    timing = {"poll_interval": 0.01, **timing}
    return Publication(bed.route53, ApiName(zone_id, f"hub.{zone_name}"), ip, 8081, **timing)


def warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


# ---- publishing
async def test_the_hub_points_its_name_at_its_ip_with_a_short_ttl_once_route53_has_it_everywhere(bed, zone):
    bed.route53.pending_for = 3
    name = publication(bed, zone)

    assert await name.ensure() is True and name.published

    [record] = bed.records(zone[0], f"hub.{zone[1]}")
    assert record["Type"] == "A" and record["TTL"] == 10 and record["ResourceRecords"] == [{"Value": IP}]
    assert bed.limits.calls["ChangeResourceRecordSets"] == 1
    assert bed.limits.calls["GetChange"] == 4, "GetChange is asked until the change is INSYNC, not longer"
    assert not bed.limits.breaches


async def test_a_redeployed_hub_moves_the_name_to_its_own_ip(bed, zone):
    assert await publication(bed, zone).ensure()

    assert await publication(bed, zone, ip="10.0.1.99").ensure()

    [record] = bed.records(zone[0], f"hub.{zone[1]}")
    assert record["ResourceRecords"] == [{"Value": "10.0.1.99"}] and record["TTL"] == 10


async def test_the_zone_may_be_given_as_route53_writes_it(bed, zone):
    name = Publication(bed.route53, ApiName(f"/hostedzone/{zone[0]}", f"hub.{zone[1]}"), IP, 8081, poll_interval=0.01)

    assert await name.ensure()
    assert bed.records(zone[0], f"hub.{zone[1]}")[0]["ResourceRecords"] == [{"Value": IP}]


async def test_spawns_that_wait_together_share_one_change(bed, zone):
    name = publication(bed, zone)

    assert await asyncio.gather(name.ensure(), name.ensure(), name.ensure()) == [True, True, True]
    assert await name.ensure()

    assert bed.limits.calls["ChangeResourceRecordSets"] == 1


async def test_every_aws_call_runs_off_the_event_loop(bed, zone):
    threads = []
    handler = lambda **_: threads.append(threading.current_thread())  # noqa: E731
    bed.route53_client.meta.events.register("before-call.route-53", handler)
    ticks = 0

    async def heartbeat():
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.001)

    beating = asyncio.create_task(heartbeat())
    try:
        assert await publication(bed, zone).ensure()
    finally:
        beating.cancel()
        bed.route53_client.meta.events.unregister("before-call.route-53", handler)

    assert threads and threading.current_thread() not in threads, "botocore was called on the event loop's thread"
    assert all(t.name.startswith("hubwizard-aws") for t in threads)
    assert ticks > 1, "the loop ran on while Route 53 answered"


# ---- failing
async def test_a_missing_zone_is_a_warning_and_servers_keep_the_ip(bed, hub_log):
    name = publication(bed, ("Z0000000000000NOSUCHZONE", "gone.hubwizard.internal"))

    assert await name.ensure() is False and not name.published

    [warning] = warnings(hub_log)
    assert "could not point the hub's private name hub.gone.hubwizard.internal" in warning
    assert "NoSuchHostedZone" in warning and "redeploy the hub with Hub Wizard" in warning
    env = {"JUPYTERHUB_API_URL": f"http://{IP}:8081/hub/api"}
    assert name.rewrite(env) == env


async def test_a_refused_call_is_a_warning_and_is_tried_again_at_most_once_per_interval(bed, zone, hub_log):
    bed.route53.failing = REFUSED
    name = publication(bed, zone, retry_interval=0.3)

    assert await name.ensure() is False
    assert "AccessDenied" in warnings(hub_log)[0] and "repairs the zone and the hub's permissions" in warnings(hub_log)[0]
    bed.route53.failing = None
    assert not name.due and await name.ensure() is False, "no second try within the interval"
    assert bed.records(zone[0], f"hub.{zone[1]}") == [] and len(warnings(hub_log)) == 1

    await asyncio.sleep(0.3)
    assert name.due and await name.ensure() is True
    assert bed.records(zone[0], f"hub.{zone[1]}")[0]["ResourceRecords"] == [{"Value": IP}]


async def test_at_the_start_a_refusal_is_tried_again_a_little_later(bed, zone, hub_log):
    bed.route53.failing = REFUSED
    name = publication(bed, zone, retry_interval=0.1)

    async def permission_granted():
        await asyncio.sleep(0.05)
        bed.route53.failing = None

    granting = asyncio.create_task(permission_granted())
    assert await name.publish_at_start() is True
    await granting
    assert len(warnings(hub_log)) == 1 and bed.records(zone[0], f"hub.{zone[1]}")[0]["ResourceRecords"] == [{"Value": IP}]


async def test_at_the_start_a_hub_gives_up_after_three_attempts(bed, zone, hub_log):
    bed.route53.failing = REFUSED
    name = publication(bed, zone, retry_interval=0.01)

    assert await name.publish_at_start() is False

    assert len(warnings(hub_log)) == 3 and not name.published


async def test_a_change_route53_never_applies_gives_up_after_the_timeout(bed, zone, hub_log):
    bed.route53.pending_for = 10**6
    name = publication(bed, zone, sync_timeout=0.1)

    assert await name.ensure() is False and not name.published
    assert "had not applied the change" in warnings(hub_log)[0]
    assert bed.limits.calls["GetChange"] >= 2


async def test_a_cancelled_spawn_does_not_cancel_the_publication(bed, zone):
    bed.route53.pending_for = 5
    name = publication(bed, zone, poll_interval=0.02)

    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(name.ensure(), 0.01)

    assert await name.ensure() is True
    assert bed.limits.calls["ChangeResourceRecordSets"] == 1


# ---- the servers' environment
def test_the_environment_names_the_hub_only_once_the_name_is_published():
    name = Publication(None, ApiName("Z1", "hub.team-hub.hubwizard.internal"), IP, 8081)
    env = {"JUPYTERHUB_API_URL": f"http://{IP}:8081/hub/api",
           "JUPYTERHUB_ACTIVITY_URL": f"http://{IP}:8081/hub/api/users/alice/activity",
           "JUPYTERHUB_SERVICE_URL": "http://0.0.0.0:8888/user/alice/",
           "OTHER": f"http://{IP}:80811/x", "SAME": f"http://{IP}:8081"}

    assert name.rewrite(env) == env
    name.published = True

    assert name.rewrite(env) == {
        "JUPYTERHUB_API_URL": "http://hub.team-hub.hubwizard.internal:8081/hub/api",
        "JUPYTERHUB_ACTIVITY_URL": "http://hub.team-hub.hubwizard.internal:8081/hub/api/users/alice/activity",
        "JUPYTERHUB_SERVICE_URL": "http://0.0.0.0:8888/user/alice/",
        "OTHER": f"http://{IP}:80811/x", "SAME": "http://hub.team-hub.hubwizard.internal:8081"}


def named_spawner(bed, zone, **timing):
    name = publication(bed, zone, **timing)
    # The hub's API as JupyterHub makes it from hub_connect_url.
    spawner = new_spawner(bed, hub=Hub(connect_url=f"http://{IP}:8081/hub/"), hub_name=name)
    return spawner, name


async def start_messages(spawner):
    return [event["message"] for event in (await started(spawner))[1]]


def task_env(bed, spawner):
    container = bed.task(spawner.task_arn)["overrides"]["containerOverrides"][0]
    return {e["name"]: e["value"] for e in container["environment"]}


async def test_start_waits_for_the_name_and_gives_the_server_the_name(bed, zone):
    bed.route53.pending_for = 3
    spawner, name = named_spawner(bed, zone)
    assert spawner.get_env()["JUPYTERHUB_API_URL"] == f"http://{IP}:8081/hub/api", "not published yet: the IP"

    events = await start_messages(spawner)

    assert events[0] == "Pointing the hub's private name at this hub" and name.published
    env = task_env(bed, spawner)
    host = f"http://hub.{zone[1]}:8081"
    assert env["JUPYTERHUB_API_URL"] == f"{host}/hub/api"
    assert env["JUPYTERHUB_ACTIVITY_URL"] == f"{host}/hub/api/users/alice/activity"
    assert not [v for v in env.values() if IP in v], "no value names the hub's IP"
    await spawner.stop(now=True)


async def test_a_published_name_is_not_waited_for_again(bed, zone):
    spawner, name = named_spawner(bed, zone)
    assert await name.ensure()

    events = await start_messages(spawner)

    assert "Pointing the hub's private name at this hub" not in events
    assert bed.limits.calls["ChangeResourceRecordSets"] == 1
    assert task_env(bed, spawner)["JUPYTERHUB_API_URL"] == f"http://hub.{zone[1]}:8081/hub/api"
    await spawner.stop(now=True)


async def test_a_hub_that_cannot_publish_starts_servers_with_its_ip(bed, zone, hub_log):
    bed.route53.failing = REFUSED
    spawner, name = named_spawner(bed, zone)

    events = await start_messages(spawner)

    assert events[0] == "Pointing the hub's private name at this hub" and not name.published
    assert task_env(bed, spawner)["JUPYTERHUB_API_URL"] == f"http://{IP}:8081/hub/api"
    assert bed.task(spawner.task_arn)["lastStatus"] == "RUNNING"
    assert "AccessDenied" in warnings(hub_log)[0]
    await spawner.stop(now=True)
    # The next spawn within the minute neither waits nor asks Route 53 again.
    bed.route53.failing = None
    events = await start_messages(spawner)
    assert "Pointing the hub's private name at this hub" not in events and bed.records(zone[0], f"hub.{zone[1]}") == []
    await spawner.stop(now=True)


# ---- settings
def test_both_variables_give_the_name_normalised():
    env = Environment({"HUB_FARGATE_API_ZONE": "/hostedzone/Z0123456789ABCDEFGHIJ",
                       "HUB_FARGATE_API_NAME": "Hub.Team-Hub.HubWizard.Internal."})

    assert hub_name.from_environment(env) == ApiName("Z0123456789ABCDEFGHIJ", "hub.team-hub.hubwizard.internal")
    assert hub_name.from_environment(Environment({})) is None


@pytest.mark.parametrize("setting, message", [
    ({"HUB_FARGATE_API_NAME": ""}, "HUB_FARGATE_API_ZONE is set but HUB_FARGATE_API_NAME is not"),
    ({"HUB_FARGATE_API_ZONE": ""}, "HUB_FARGATE_API_NAME is set but HUB_FARGATE_API_ZONE is not"),
    ({"HUB_FARGATE_API_ZONE": "z0123456789abcdef"}, "HUB_FARGATE_API_ZONE='z0123456789abcdef' is not a Route 53"),
    ({"HUB_FARGATE_API_ZONE": "Z" * 33}, "is not a Route 53 hosted zone id"),
    ({"HUB_FARGATE_API_NAME": "hub"}, "HUB_FARGATE_API_NAME='hub' is not a fully qualified DNS name"),
    ({"HUB_FARGATE_API_NAME": "-hub.team.internal"}, "is not a fully qualified DNS name"),
    ({"HUB_FARGATE_API_NAME": "hub_1.team.internal"}, "is not a fully qualified DNS name"),
    ({"HUB_FARGATE_API_NAME": "a" * 64 + ".internal"}, "is not a fully qualified DNS name"),
    ({"HUB_FARGATE_API_NAME": ".".join(["a" * 63] * 4)}, "at most 253 characters"),
    ({"HUB_CONNECT_IP": "fd00::5"}, "is not an IPv4 address, which HUB_FARGATE_API_NAME needs"),
])
def test_a_wrong_name_setting_stops_the_hub_naming_it(config, environment, hub_folder, setting, message):
    environment.update(FARGATE, **NAMED)
    environment.update(setting)

    with pytest.raises(SystemExit) as stop:
        configure(config, environment, hub_folder)

    assert message in str(stop.value.code)


def test_with_a_name_servers_use_it_and_the_hub_its_ip(config, environment, hub_folder):
    environment.update(FARGATE, **NAMED)

    configure(config, environment, hub_folder)

    assert config.JupyterHub.hub_connect_url == f"http://{IP}:8081", "the proxy and the culler reach this hub"
    first, second = FargateSpawner(config=config), FargateSpawner(config=config)
    assert first.hub_name is second.hub_name, "one publication for the whole hub"
    assert first.hub_name.api_name == ApiName("Z0123456789ABCDEFGHIJ", "hub.team-hub.hubwizard.internal")
    assert first.hub_name.ip == IP and first.hub_name.port == 8081 and not first.hub_name.published


def test_without_a_name_servers_get_the_ip_as_before(config, environment, hub_folder):
    environment.update(FARGATE)

    configure(config, environment, hub_folder)

    assert FargateSpawner(config=config).hub_name is None


async def test_a_starting_hub_publishes_its_name_as_it_loads_its_config(config, environment, hub_folder, bed, zone,
                                                                        monkeypatch, moto_endpoint):
    # The hub's own client, on the endpoint the test beds set for every service (Route 53 is a global one).
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    environment.update(FARGATE, HUB_FARGATE_API_ZONE=zone[0], HUB_FARGATE_API_NAME=f"hub.{zone[1]}")
    JupyterHub.instance()
    try:
        configure(config, environment, hub_folder)
        started_now = list(background._RUNNING)
        assert len(started_now) == 1, "the config started the publication on the hub's loop"
        await asyncio.wait_for(started_now[0], 30)
    finally:
        JupyterHub.clear_instance()
    name = FargateSpawner(config=config).hub_name

    assert type(name.route53) is hub_name.Route53
    assert name.published and bed.limits.calls["ChangeResourceRecordSets"] == 0, "not the test bed's own client"
    assert bed.records(zone[0], f"hub.{zone[1]}")[0]["ResourceRecords"] == [{"Value": IP}]


def test_the_route53_client_follows_the_test_beds_endpoint(monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    assert ecs.make_client(REGION, "", "route53").meta.endpoint_url == "http://127.0.0.1:9"
    monkeypatch.setenv("AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:10")
    assert ecs.make_client(REGION, "", "route53").meta.endpoint_url == "http://127.0.0.1:10"

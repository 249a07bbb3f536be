"""HUB_SPAWNER=fargate: the spawner, its settings, the sizes, the idle culler and the hub's API address."""
import http.server
import json
import sys
import threading

import pytest
from jupyterhub.app import JupyterHub
from traitlets.config import Config

from hubwizard_hub import culler
from hubwizard_hub.config import configure
from hubwizard_hub.fargate import FargateSpawner
from hubwizard_hub.sizes import ServerSize

FARGATE = {
    "HUB_SPAWNER": "fargate",
    "HUB_FARGATE_CLUSTER": "team-hub",
    "HUB_FARGATE_TASK_DEFINITION": "team-hub-users",
    "HUB_FARGATE_SUBNETS": "subnet-0123456789abcdef0, subnet-0fedcba9876543210",
    "HUB_FARGATE_SECURITY_GROUPS": "sg-0123456789abcdef0",
    "HUB_CONNECT_IP": "10.0.1.20",
    "AWS_REGION": "eu-west-1",
}


def stop_message(config, environment, folder):
    with pytest.raises(SystemExit) as stop:
        configure(config, environment, folder)
    return str(stop.value.code)


def test_the_local_spawner_stays_the_default(config, environment, hub_folder):
    configure(config, environment, hub_folder)

    assert "spawner_class" not in config.JupyterHub
    assert "services" not in config.JupyterHub and "FargateSpawner" not in config


def test_fargate_selects_the_spawner_with_its_settings(config, environment, hub_folder):
    environment.update(FARGATE, HUB_SERVER_SIZES="Small=0.5/1,Large=4/16", HUB_FARGATE_PROFILE="team-hub",
                       HUB_FARGATE_PUBLIC_IP="true")

    configure(config, environment, hub_folder)

    assert JupyterHub(config=config).spawner_class is FargateSpawner, "JupyterHub takes it as its spawner"
    spawner = FargateSpawner(config=config)
    assert spawner.cluster == "team-hub" and spawner.task_definition == "team-hub-users"
    assert spawner.subnets == ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    assert spawner.security_groups == ["sg-0123456789abcdef0"] and spawner.assign_public_ip is True
    assert spawner.region == "eu-west-1" and spawner.profile_tag == "team-hub"
    assert spawner.sizes == [ServerSize("Small", 512, 1024), ServerSize("Large", 4096, 16384)]
    assert spawner.start_timeout == 300 and spawner.http_timeout == 180
    assert spawner.container_name == "notebook" and spawner.port == 8888
    assert config.JupyterHub.hub_bind_url == "http://0.0.0.0:8081"
    assert config.JupyterHub.hub_connect_url == "http://10.0.1.20:8081"
    assert config.JupyterHub.cleanup_servers is True, "a stopping hub stops its servers unless told otherwise"
    assert spawner.file_system == "", "no home folders unless a file system is named"


def test_a_file_system_gives_people_home_folders(config, environment, hub_folder):
    environment.update(FARGATE, HUB_FARGATE_FILE_SYSTEM="fs-0123456789abcdef0")

    configure(config, environment, hub_folder)

    assert FargateSpawner(config=config).file_system == "fs-0123456789abcdef0"


def test_the_shared_folder_is_off_unless_asked_for(config, environment, hub_folder):
    environment.update(FARGATE, HUB_FARGATE_FILE_SYSTEM="fs-0123456789abcdef0")
    configure(config, environment, hub_folder)
    assert FargateSpawner(config=config).shared_folder is False

    environment.update(HUB_FARGATE_SHARED_FOLDER="true")
    shared = Config()
    configure(shared, environment, hub_folder)
    assert FargateSpawner(config=shared).shared_folder is True


def test_with_kept_state_a_redeployed_hub_leaves_servers_running(config, environment, hub_folder):
    environment.update(FARGATE, HUB_FARGATE_KEEP_SERVERS="true")

    configure(config, environment, hub_folder)

    assert JupyterHub(config=config).cleanup_servers is False


def test_the_idle_culler_runs_by_default_with_the_scopes_jupyterhub_5_requires(config, environment, hub_folder):
    environment.update(FARGATE)

    configure(config, environment, hub_folder)

    hub = JupyterHub(config=config)
    [service] = hub.services
    assert service["name"] == "idle-culler"
    assert service["command"] == [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600", "--cull-every=300"]
    [role] = hub.load_roles
    assert role["services"] == ["idle-culler"]
    assert set(role["scopes"]) == {"list:users", "read:users:activity", "read:servers", "delete:servers"}


def test_the_culler_is_a_module_the_hubs_python_can_run():
    import jupyterhub_idle_culler

    assert callable(jupyterhub_idle_culler.main)


@pytest.mark.parametrize("text, seconds", [("3600", 3600), ("90m", 5400), ("2h", 7200), ("45s", 45), (" 0 ", 0)])
def test_the_cull_timeout_reads_seconds_minutes_and_hours(text, seconds):
    assert culler.parse_timeout("HUB_CULL_IDLE_TIMEOUT", text) == seconds


def test_a_short_timeout_is_checked_often_and_zero_turns_culling_off(config, environment, hub_folder):
    environment.update(FARGATE, HUB_CULL_IDLE_TIMEOUT="10m")
    configure(config, environment, hub_folder)
    assert JupyterHub(config=config).services[0]["command"][-2:] == ["--timeout=600", "--cull-every=300"]

    other = Config()
    environment["HUB_CULL_IDLE_TIMEOUT"] = "0"
    configure(other, environment, hub_folder)
    assert JupyterHub(config=other).services == [] and JupyterHub(config=other).load_roles == []


def test_the_culler_keeps_other_services_and_roles():
    c = Config()
    c.JupyterHub.services = [{"name": "users-poller", "command": ["poll"]}]
    c.JupyterHub.load_roles = [{"name": "poller", "scopes": ["list:users"], "services": ["users-poller"]}]

    culler.configure_idle_culler(c, 3600)

    hub = JupyterHub(config=c)
    assert [s["name"] for s in hub.services] == ["users-poller", "idle-culler"]
    assert [r["name"] for r in hub.load_roles] == ["poller", "idle-culler"]


@pytest.mark.parametrize("setting, message", [
    ({"HUB_SPAWNER": "kubernetes"}, "HUB_SPAWNER='kubernetes' is not 'local' or 'fargate'"),
    ({"HUB_FARGATE_CLUSTER": ""}, "the environment variable HUB_FARGATE_CLUSTER is not set"),
    ({"HUB_FARGATE_CLUSTER": "team hub"}, "HUB_FARGATE_CLUSTER='team hub' is not an ECS cluster name or ARN"),
    ({"HUB_FARGATE_TASK_DEFINITION": "users:latest"}, "is not a task definition family, family:revision or ARN"),
    ({"HUB_FARGATE_SUBNETS": "subnet-1"}, "HUB_FARGATE_SUBNETS: 'subnet-1' is not an id like subnet-0123456789abcdef0"),
    ({"HUB_FARGATE_SECURITY_GROUPS": ""}, "HUB_FARGATE_SECURITY_GROUPS is not set (for example sg-0123456789abcdef0)"),
    ({"HUB_FARGATE_PUBLIC_IP": "yes"}, "HUB_FARGATE_PUBLIC_IP='yes' is not true or false"),
    ({"HUB_FARGATE_FILE_SYSTEM": "fs-1"}, "HUB_FARGATE_FILE_SYSTEM='fs-1' is not an EFS file system id like"),
    ({"HUB_FARGATE_FILE_SYSTEM": "fs-0123456789abcdef0", "HUB_FARGATE_TASK_DEFINITION": "u" * 191 + ":3"},
     "HUB_FARGATE_TASK_DEFINITION: the family uuuu"),
    ({"HUB_FARGATE_SHARED_FOLDER": "true"}, "HUB_FARGATE_SHARED_FOLDER: a shared folder lives on the users' file"),
    ({"HUB_FARGATE_FILE_SYSTEM": "fs-0123456789abcdef0", "HUB_FARGATE_SHARED_FOLDER": "on"},
     "HUB_FARGATE_SHARED_FOLDER='on' is not true or false"),
    ({"HUB_FARGATE_KEEP_SERVERS": "1"}, "HUB_FARGATE_KEEP_SERVERS='1' is not true or false"),
    ({"HUB_SERVER_SIZES": "Small=3/1"}, "HUB_SERVER_SIZES: size Small: Fargate runs 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU"),
    ({"HUB_CULL_IDLE_TIMEOUT": "1 day"}, "HUB_CULL_IDLE_TIMEOUT='1 day' is not a duration"),
    ({"AWS_REGION": ""}, "AWS_REGION is not set"),
    ({"HUB_CONNECT_IP": "hub.local"}, "HUB_CONNECT_IP='hub.local' is not an IP address"),
    ({"HUB_CONNECT_IP": ""}, "HUB_CONNECT_IP is not set and this is not an ECS task"),
])
def test_a_wrong_setting_stops_the_hub_naming_it(config, environment, hub_folder, setting, message):
    environment.update(FARGATE, **setting)

    assert message in stop_message(config, environment, hub_folder)


@pytest.fixture
def task_metadata():
    """ECS's task metadata endpoint (v4) as Fargate serves it to a container, on loopback."""
    class Metadata(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"Name": "hub", "Networks": [
                {"NetworkMode": "awsvpc", "IPv4Addresses": ["10.0.2.106"]}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Metadata)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/v4/abc-123"
    server.shutdown()
    server.server_close()


def test_on_fargate_the_hub_reads_its_private_ip_from_the_task_metadata(config, environment, hub_folder,
                                                                          task_metadata):
    environment.update(FARGATE, HUB_CONNECT_IP="", ECS_CONTAINER_METADATA_URI_V4=task_metadata)

    configure(config, environment, hub_folder)

    assert config.JupyterHub.hub_connect_url == "http://10.0.2.106:8081"


def test_unreadable_task_metadata_says_what_to_set(config, environment, hub_folder):
    environment.update(FARGATE, HUB_CONNECT_IP="", ECS_CONTAINER_METADATA_URI_V4="http://127.0.0.1:9/v4/x")

    assert "could not read this task's private IP from ECS's task metadata" in stop_message(
        config, environment, hub_folder)

"""The live lists against SSM Parameter Store played by moto in server mode (a process on a loopback port),
applied to JupyterHub's real database objects and authenticator."""
import asyncio
import json
import logging
import os
import shutil
import socket
import subprocess
import time
import urllib.request

import botocore.session
import pytest
from jupyterhub import orm, roles

from hubwizard_hub.authenticators import LocalFirstUseAuthenticator
from hubwizard_hub.config import configure
from hubwizard_hub.live_users import BadLists, LiveUsers, parse

USERS = "/hubwizard/team/users"
STATUS = "/hubwizard/team/users-status"


@pytest.fixture(scope="module")
def moto():
    command = shutil.which("moto_server")
    if command is None:
        if os.environ.get("CI") == "true":
            pytest.fail("moto_server is not on the PATH (.ci/services/30-moto.sh installs it)")
        pytest.skip("moto_server is not on the PATH: pip install 'moto[server]==5.2.1'")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([command, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("moto_server did not answer within 30 s")
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(10)


@pytest.fixture
def aws(moto, monkeypatch):
    """botocore's standard configuration pointing at moto, as the played Fargate task gets it."""
    urllib.request.urlopen(urllib.request.Request(moto + "/moto-api/reset", method="POST"))
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    ssm = botocore.session.get_session().create_client("ssm")
    ssm.put_parameter(Name=USERS, Type="String", Value=json.dumps({"admins": ["ada"], "allowedUsers": ["grace"]}))
    ssm.put_parameter(Name=STATUS, Type="String", Value="{}")
    return ssm


class Spawner:
    def __init__(self, active):
        self.active = active


class User:
    def __init__(self, name):
        self.name = name
        self.spawners = {"": Spawner(True)}
        self.stopped = []

    async def stop(self, server_name):
        self.stopped.append(server_name)
        self.spawners[server_name].active = False


class Users(dict):
    def __getitem__(self, orm_user):
        return self.setdefault(orm_user.name, User(orm_user.name))


class Proxy:
    def __init__(self):
        self.routes_deleted = []

    async def delete_user(self, user, server_name):
        self.routes_deleted.append((user.name, server_name))


class Hub:
    """What the live lists use of JupyterHub's application: its database, users and proxy."""

    def __init__(self):
        self.db = orm.new_session_factory("sqlite:///:memory:")()
        for role in roles.get_default_roles():
            roles.create_role(self.db, role)
        self.users = Users()
        self.proxy = Proxy()

    def add(self, name, admin=False):
        user = orm.User(name=name, admin=admin)
        self.db.add(user)
        roles.assign_default_roles(self.db, entity=user)
        self.db.commit()
        return user

    def is_admin_role(self, name):
        return orm.Role.find(self.db, "admin") in orm.User.find(self.db, name).roles


@pytest.fixture
def authenticator(config, environment, hub_folder):
    (hub_folder / "admin").write_text("ada\n", encoding="utf-8")
    (hub_folder / "allowed_users").write_text("grace\nlinus\n", encoding="utf-8")
    configure(config, environment, hub_folder)
    return LocalFirstUseAuthenticator(config=config)


def live(hub, authenticator, **kwargs):
    return LiveUsers(hub, authenticator, USERS, STATUS, interval=0.05, **kwargs)


def set_lists(ssm, admins, allowed):
    ssm.put_parameter(Name=USERS, Type="String", Overwrite=True,
                      Value=json.dumps({"admins": admins, "allowedUsers": allowed}))


async def test_a_new_version_is_applied_and_recorded(aws, authenticator):
    hub = Hub()
    hub.add("ada", admin=True)
    linus = hub.add("linus")
    cookie = linus.cookie_id
    users = live(hub, authenticator)

    assert await users.poll() is True

    assert authenticator.admin_users == {"ada"}
    assert authenticator.allowed_users == {"ada", "grace"}
    # linus is off the list: his server stopped (route first), his session ended; his account is still there.
    assert dict.get(hub.users, "linus").stopped == [""]
    assert hub.proxy.routes_deleted == [("linus", "")]
    assert orm.User.find(hub.db, "linus").cookie_id != cookie
    status = json.loads(aws.get_parameter(Name=STATUS)["Parameter"]["Value"])
    assert status["version"] == 1
    assert status["admins"] == 1 and status["allowedUsers"] == 1
    assert status["pickedUpAt"].endswith("Z")


async def test_an_unchanged_version_is_not_applied_again(aws, authenticator):
    hub = Hub()
    users = live(hub, authenticator)
    assert await users.poll() is True
    status_version = aws.get_parameter(Name=STATUS)["Parameter"]["Version"]

    assert await users.poll() is False
    assert aws.get_parameter(Name=STATUS)["Parameter"]["Version"] == status_version


async def test_admins_follow_the_list_both_ways(aws, authenticator):
    hub = Hub()
    hub.add("ada", admin=True)
    hub.add("grace")
    users = live(hub, authenticator)
    set_lists(aws, ["grace"], ["ada"])

    await users.poll()

    assert authenticator.admin_users == {"grace"}
    assert orm.User.find(hub.db, "grace").admin and hub.is_admin_role("grace")
    assert not orm.User.find(hub.db, "ada").admin and not hub.is_admin_role("ada")
    assert authenticator.is_admin(None, {"name": "ada"}) is False
    assert hub.users == {}, "nobody's server was touched"


async def test_a_person_added_can_sign_in_and_a_person_removed_cannot(aws, authenticator):
    hub = Hub()
    users = live(hub, authenticator)
    set_lists(aws, ["ada"], ["grace", "margaret"])
    await users.poll()
    assert await authenticator.authenticate(None, {"username": "margaret", "password": "margarets-pw"}) == "margaret"

    set_lists(aws, ["ada"], ["grace"])
    await users.poll()
    assert await authenticator.get_authenticated_user(
        None, {"username": "margaret", "password": "margarets-pw"}) is None


async def test_names_from_the_environment_stay(aws, authenticator):
    hub = Hub()
    users = live(hub, authenticator, always_admins={"localtest-abc123"})
    set_lists(aws, [], ["grace"])
    await users.poll()
    assert authenticator.admin_users == {"localtest-abc123"}
    assert authenticator.allowed_users == {"localtest-abc123", "grace"}


async def test_bad_lists_are_refused_and_the_hub_keeps_its_own(aws, authenticator):
    hub = Hub()
    users = live(hub, authenticator)
    await users.poll()
    aws.put_parameter(Name=USERS, Type="String", Overwrite=True, Value='{"admins": ["Robert\'); DROP"]}')

    with pytest.raises(BadLists, match="invalid names in 'admins'"):
        await users.poll()
    assert authenticator.allowed_users == {"ada", "grace"}


@pytest.fixture
def hub_log():
    """The hub's log lines (JupyterHub's logger does not propagate to pytest's)."""
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger = logging.getLogger("JupyterHub")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


async def test_the_loop_survives_an_unreachable_parameter_and_picks_up_later(aws, authenticator, hub_log):
    hub = Hub()
    aws.delete_parameter(Name=USERS)
    users = live(hub, authenticator)
    task = asyncio.get_running_loop().create_task(users.run())
    try:
        for _ in range(200):
            if any("could not pick up" in line for line in hub_log):
                break
            await asyncio.sleep(0.05)
        assert "could not pick up the lists" in "\n".join(hub_log)
        assert users.applied_version is None
        set_lists(aws, ["ada"], ["linus"])
        for _ in range(100):
            if users.applied_version is not None:
                break
            await asyncio.sleep(0.05)
        assert authenticator.allowed_users == {"ada", "linus"}
        assert "\n".join(hub_log).count("could not pick up the lists") == 1, "logged once, not every look"
    finally:
        task.cancel()


@pytest.mark.parametrize("value, problem", [
    ("not json", "not JSON"),
    ("[]", "not a JSON object"),
    ('{"admins": "ada"}', "'admins' is not a list"),
    ('{"allowedUsers": ["9lives"]}', "must start with a letter"),
    ('{"allowedUsers": ["' + "a" * 40 + '"]}', "longer than 32"),
    ("{" + " " * 5000 + "}", "more than 4096"),
])
def test_parse_refuses_with_the_reason(value, problem):
    with pytest.raises(BadLists, match=problem):
        parse(value)


def test_parse_normalises_like_the_files():
    assert parse('{"admins": ["Ada"], "allowedUsers": ["Carol@Example.org", "carol_example_org"]}') == (
        ["ada"], ["carol_example_org"])


def test_configure_turns_the_live_lists_on_with_the_environments_names(config, environment, hub_folder):
    environment.update(HUB_USERS_PARAMETER=USERS, HUB_USERS_STATUS_PARAMETER=STATUS, HUB_USERS_INTERVAL="5",
                       HUB_ADMIN_USERS="localtest-abc123")
    configure(config, environment, hub_folder)
    authenticator = LocalFirstUseAuthenticator(config=config)
    assert authenticator.users_parameter == USERS
    assert authenticator.users_status_parameter == STATUS
    assert authenticator.users_interval == 5
    assert authenticator.always_admins == {"localtest-abc123"}
    assert authenticator.live_users is None, "started by JupyterHub's application only"


@pytest.mark.parametrize("variable, value, problem", [
    ("HUB_USERS_PARAMETER", "users; rm -rf /", "is not an SSM parameter name"),
    ("HUB_USERS_INTERVAL", "0", "is not a number of seconds"),
])
def test_configure_refuses_bad_settings(config, environment, hub_folder, variable, value, problem):
    environment.update(HUB_USERS_PARAMETER=USERS, HUB_USERS_STATUS_PARAMETER=STATUS)
    environment[variable] = value
    with pytest.raises(SystemExit, match=problem):
        configure(config, environment, hub_folder)


def test_without_the_parameter_the_files_are_the_lists(config, environment, hub_folder):
    configure(config, environment, hub_folder)
    assert LocalFirstUseAuthenticator(config=config).users_parameter == ""

"""The authenticators as JupyterHub runs them: normalised names, the allowed list, the account command."""
import pytest

from hubwizard_hub import accounts
from hubwizard_hub.authenticators import CognitoAuthenticator, LocalFirstUseAuthenticator
from hubwizard_hub.config import configure


@pytest.fixture
def first_use(config, environment, hub_folder):
    (hub_folder / "admin").write_text("alice\n", encoding="utf-8")
    (hub_folder / "allowed_users").write_text("carol@example.org\n", encoding="utf-8")
    environment["HUB_USER_UIDS"] = "alice=2001"
    configure(config, environment, hub_folder)
    return LocalFirstUseAuthenticator(config=config)


async def test_listed_people_sign_in_by_their_normalised_name(first_use):
    assert await first_use.authenticate(None, {"username": "Alice", "password": "alices-password"}) == "alice"
    assert await first_use.authenticate(None, {"username": "Carol@Example.org", "password": "carols-password"}) \
        == "carol_example_org"


async def test_the_first_password_becomes_the_password(first_use):
    assert await first_use.authenticate(None, {"username": "alice", "password": "alices-password"}) == "alice"
    assert await first_use.authenticate(None, {"username": "alice", "password": "someone-elses"}) is None


async def test_names_not_listed_are_refused_before_a_password_is_stored(first_use, hub_folder):
    assert await first_use.authenticate(None, {"username": "mallory", "password": "mallorys-password"}) is None
    # Listed later, mallory's first sign-in still sets the password: nobody claimed the name.
    first_use.allowed_users = first_use.allowed_users | {"mallory"}
    assert await first_use.authenticate(None, {"username": "mallory", "password": "the-real-one"}) == "mallory"


def test_accounts_are_created_with_useradd_and_the_pinned_uid(first_use, monkeypatch):
    commands = []

    class Done:
        returncode = 0

        def __init__(self, cmd, **kwargs):
            commands.append(cmd)

        def wait(self):
            return 0

    monkeypatch.setattr("jupyterhub.auth.Popen", Done)
    first_use.add_system_user(type("User", (), {"name": "alice"})())
    first_use.add_system_user(type("User", (), {"name": "carol_example_org"})())

    assert commands == [accounts.ADD_USER_CMD + ["--uid", "2001", "alice"],
                        accounts.ADD_USER_CMD + ["carol_example_org"]]


def test_cognito_names_are_normalised_like_first_use_names(config, environment, hub_folder):
    environment.update(HUB_SIGN_IN="cognito", COGNITO_DOMAIN="https://auth.example.org", COGNITO_CLIENT_ID="id",
                       COGNITO_CLIENT_SECRET="secret", HUB_CALLBACK_URL="https://hub.example.org/hub/oauth_callback")
    configure(config, environment, hub_folder)

    cognito = CognitoAuthenticator(config=config)

    assert cognito.normalize_username("Carol@Example.org") == "carol_example_org"
    assert cognito.add_user_cmd == accounts.ADD_USER_CMD

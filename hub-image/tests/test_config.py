"""What hubwizard_hub.config.configure sets, on JupyterHub's real config object."""
import runpy
from pathlib import Path

import pytest

from hubwizard_hub import accounts
from hubwizard_hub.authenticators import CognitoAuthenticator, LocalFirstUseAuthenticator
from hubwizard_hub.config import configure

CONFIG_FILE = Path(__file__).resolve().parent.parent / "jupyterhub_config.py"
COGNITO = {
    "HUB_SIGN_IN": "cognito",
    "COGNITO_DOMAIN": "team.auth.eu-west-1.amazoncognito.com",
    "COGNITO_CLIENT_ID": "client-id",
    "COGNITO_CLIENT_SECRET": "client-secret",
    "HUB_CALLBACK_URL": "https://hub.example.org/hub/oauth_callback",
}


def files(folder, admin, allowed_users):
    (folder / "admin").write_text(admin, encoding="utf-8")
    (folder / "allowed_users").write_text(allowed_users, encoding="utf-8")


def stop_message(config, environment, folder):
    with pytest.raises(SystemExit) as stop:
        configure(config, environment, folder)
    return str(stop.value.code)


def test_admins_and_allowed_users_come_from_the_files_and_the_environment(config, environment, hub_folder):
    files(hub_folder, "# admins\nAlice\n\n", "bob   # the new one\nCarol@Example.org\nbob\n")
    environment.update(HUB_ALLOWED_USERS="dave, Erin.Smith  frank,,", HUB_ADMIN_USERS="Gina")

    configure(config, environment, hub_folder)

    assert config.Authenticator.admin_users == {"alice", "gina"}
    assert config.Authenticator.allowed_users == {
        "alice", "bob", "carol_example_org", "dave", "erin_smith", "frank", "gina"}


def test_nobody_may_sign_in_when_nobody_is_listed(config, environment, hub_folder):
    configure(config, environment, hub_folder)

    assert config.Authenticator.allowed_users == set()
    assert config.Authenticator.allow_all is False
    assert config.Authenticator.allow_existing_users is False


def test_invalid_names_stop_the_hub_naming_their_source(config, environment, hub_folder):
    files(hub_folder, "alice\n", "bob\n9lives\n")
    assert "invalid user names in allowed_users: '9lives' must start with a letter a-z" in stop_message(
        config, environment, hub_folder)

    files(hub_folder, "alice\n", "bob\n")
    environment["HUB_ADMIN_USERS"] = "ok,bad name!"
    assert "invalid user names in HUB_ADMIN_USERS: 'name!' may only contain" in stop_message(
        config, environment, hub_folder)


def test_first_use_passwords_are_the_default_and_kept_in_the_state_folder(config, environment, hub_folder):
    configure(config, environment, hub_folder)

    assert config.JupyterHub.authenticator_class is LocalFirstUseAuthenticator
    assert config.FirstUseAuthenticator.dbm_path == str(hub_folder / "state" / "passwords.dbm")
    assert config.FirstUseAuthenticator.create_users is True


def test_accounts_are_made_with_useradd_and_pinned_uids(config, environment, hub_folder):
    environment["HUB_USER_UIDS"] = "Alice=2001, bob@x.org=2002"

    configure(config, environment, hub_folder)

    assert config.LocalAuthenticator.create_system_users is True
    assert config.LocalAuthenticator.add_user_cmd == accounts.ADD_USER_CMD
    assert config.LocalAuthenticator.add_user_cmd[0] == "useradd"
    assert config.LocalAuthenticator.uids == {"alice": 2001, "bob_x_org": 2002}


def test_the_hub_listens_where_the_environment_says_and_keeps_state_off_home(config, environment, hub_folder):
    defaults = config
    configure(defaults, dict(environment), hub_folder)
    local = type(config)()
    environment.update(HUB_PORT="18000", HUB_IP="127.0.0.1", HUB_API_PORT="18081", HUB_PROXY_API_PORT="18001")
    configure(local, environment, hub_folder)

    assert defaults.JupyterHub.bind_url == "http://0.0.0.0:8000"
    assert local.JupyterHub.bind_url == "http://127.0.0.1:18000"
    assert local.JupyterHub.hub_bind_url == "http://127.0.0.1:18081"
    assert local.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:18001"
    assert defaults.JupyterHub.db_url == f"sqlite:///{hub_folder / 'state' / 'jupyterhub.sqlite'}"
    assert not defaults.JupyterHub.cookie_secret_file.startswith("/home")
    assert (hub_folder / "state").is_dir()


def test_cognito_is_configured_from_the_environment(config, environment, hub_folder):
    environment.update(COGNITO)

    configure(config, environment, hub_folder)

    oauth = config.GenericOAuthenticator
    assert config.JupyterHub.authenticator_class is CognitoAuthenticator
    assert oauth.authorize_url == "https://team.auth.eu-west-1.amazoncognito.com/oauth2/authorize"
    assert oauth.token_url == "https://team.auth.eu-west-1.amazoncognito.com/oauth2/token"
    assert oauth.userdata_url == "https://team.auth.eu-west-1.amazoncognito.com/oauth2/userInfo"
    assert oauth.username_claim == "preferred_username"
    assert {"openid", "profile"} <= set(oauth.scope)
    assert oauth.client_id == "client-id"
    assert oauth.client_secret == "client-secret"
    assert oauth.oauth_callback_url == "https://hub.example.org/hub/oauth_callback"
    assert oauth.logout_redirect_url == ("https://team.auth.eu-west-1.amazoncognito.com/logout?client_id=client-id"
                                         "&logout_uri=https%3A%2F%2Fhub.example.org%2F")


def test_cognito_without_its_settings_says_which_is_missing(config, environment, hub_folder):
    environment["HUB_SIGN_IN"] = "cognito"
    assert "COGNITO_DOMAIN is not set" in stop_message(config, environment, hub_folder)

    environment["HUB_SIGN_IN"] = "ldap"
    assert stop_message(config, environment, hub_folder) == (
        "Hub Wizard: HUB_SIGN_IN='ldap' is not 'first-use' or 'cognito'.")


def test_the_image_config_file_configures_through_the_package(hub_folder, monkeypatch, config):
    """jupyterhub_config.py as JupyterHub runs it: get_config() in its namespace, beside admin."""
    copied = hub_folder / "jupyterhub_config.py"
    copied.write_text(CONFIG_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    files(hub_folder, "alice\n", "")
    monkeypatch.setenv("HUB_STATE_DIR", str(hub_folder / "state"))
    monkeypatch.delenv("HUB_SIGN_IN", raising=False)

    runpy.run_path(str(copied), init_globals={"get_config": lambda: config})

    assert config.Authenticator.admin_users == {"alice"}
    assert config.JupyterHub.authenticator_class is LocalFirstUseAuthenticator


def test_servers_get_time_to_start_on_a_small_task(config, environment, hub_folder):
    files(hub_folder, "alice\n", "")

    configure(config, environment, hub_folder)

    assert config.Spawner.http_timeout == 120
    assert config.Spawner.start_timeout == 120

"""Hub Wizard's JupyterHub configuration: :func:`configure` fills JupyterHub's config object.

Who may sign in comes from the files ``admin`` and ``allowed_users`` beside ``jupyterhub_config.py``
(Hub Wizard writes them at build time) and from ``HUB_ADMIN_USERS`` and ``HUB_ALLOWED_USERS`` (changes
without a rebuild). Everything else that differs between the local test and AWS comes from the
environment too (README.md lists it). Values are parsed, never evaluated.
"""
import logging
import urllib.parse
from pathlib import Path

from . import accounts, usernames
from .environment import BadSetting, Environment

log = logging.getLogger("JupyterHub")

STATE_DIR = "/srv/jupyterhub/state"
SIGN_IN_MODES = ("first-use", "cognito")
SPAWNERS = ("local", "fargate")
SERVER_START_SECONDS = 120


def names_from_file(folder, filename):
    path = Path(folder) / filename
    names = usernames.parse_lines(path.read_text(encoding="utf-8")) if path.exists() else []
    return usernames.checked(filename, names)


def merged(*lists):
    """The names of every list, once each, in order."""
    names = []
    for name in (n for each in lists for n in each):
        if name not in names:
            names.append(name)
    return names


def configure(c, variables, folder):
    """Configures JupyterHub.

    :param c: JupyterHub's config object (``get_config()``)
    :param variables: the environment (``os.environ``)
    :param folder: where ``admin`` and ``allowed_users`` are (beside the config file)
    """
    env = Environment(variables)
    admins = merged(names_from_file(folder, "admin"), env.names("HUB_ADMIN_USERS"))
    allowed = merged(names_from_file(folder, "allowed_users"), env.names("HUB_ALLOWED_USERS"))
    sign_in = env.text("HUB_SIGN_IN", "first-use").lower()
    if sign_in not in SIGN_IN_MODES:
        raise BadSetting(f"HUB_SIGN_IN={sign_in!r} is not 'first-use' or 'cognito'.")
    spawner = env.text("HUB_SPAWNER", "local").lower()
    if spawner not in SPAWNERS:
        raise BadSetting(f"HUB_SPAWNER={spawner!r} is not 'local' or 'fargate'.")

    configure_users(c, admins, allowed)
    configure_network(c, env)
    state = configure_state(c, env)
    configure_accounts(c, env)
    configure_servers(c)
    if sign_in == "first-use":
        configure_first_use(c, state)
    else:
        configure_cognito(c, env)
    if spawner == "fargate":
        from .fargate_config import configure_fargate

        configure_fargate(c, env, variables)

    log.info(
        "Hub Wizard: sign-in %s; %d admin(s): %s; %d allowed user(s): %s",
        sign_in, len(admins), ", ".join(admins) or "none",
        len(c.Authenticator.allowed_users), ", ".join(sorted(c.Authenticator.allowed_users)) or "none",
    )


def configure_users(c, admins, allowed):
    c.Authenticator.admin_users = set(admins)
    # Admins are allowed too. Only these names, never "anyone who can authenticate" (JupyterHub's
    # default as well): with nobody listed, nobody can sign in. Users added through the admin page do
    # not outlive their removal from the lists.
    c.Authenticator.allowed_users = set(allowed) | set(admins)
    c.Authenticator.allow_all = False
    c.Authenticator.allow_existing_users = False


def configure_network(c, env):
    # 0.0.0.0: reachable on the task's public IP (Fargate) and through a published port. A local test
    # with host networking sets 127.0.0.1 and its own ports, so that it is private and never collides.
    c.JupyterHub.bind_url = f"http://{env.url_host('HUB_IP', '0.0.0.0')}:{env.port('HUB_PORT', 8000)}"
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env.port('HUB_API_PORT', 8081)}"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env.port('HUB_PROXY_API_PORT', 8001)}"


def configure_state(c, env):
    """The database, cookie secret and proxy pid; off /home, which may be EFS (SQLite must not be on NFS)."""
    state = Path(env.text("HUB_STATE_DIR", STATE_DIR))
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
    return state


def configure_accounts(c, env):
    # LocalProcessSpawner (the default) runs each server as a Unix user: create the accounts.
    c.LocalAuthenticator.create_system_users = True
    c.LocalAuthenticator.add_user_cmd = list(accounts.ADD_USER_CMD)
    # Pinned ids keep files on a kept volume (EFS homes) with their owners across redeploys.
    c.LocalAuthenticator.uids = env.uids("HUB_USER_UIDS")


def configure_servers(c):
    # JupyterHub gives a server 30 s to answer once started. JupyterLab on a 1-vCPU Fargate task, or a class
    # starting at once, takes longer: the spawn then fails although the server was nearly up.
    c.Spawner.http_timeout = SERVER_START_SECONDS
    c.Spawner.start_timeout = SERVER_START_SECONDS


def configure_first_use(c, state):
    from .authenticators import LocalFirstUseAuthenticator

    c.JupyterHub.authenticator_class = LocalFirstUseAuthenticator
    c.FirstUseAuthenticator.dbm_path = str(state / "passwords.dbm")
    c.FirstUseAuthenticator.create_users = True


def configure_cognito(c, env):
    from .authenticators import CognitoAuthenticator

    domain = env.required("COGNITO_DOMAIN", "the user pool's domain, https://PREFIX.auth.REGION.amazoncognito.com")
    domain = (domain if "://" in domain else "https://" + domain).rstrip("/")
    oauth = c.GenericOAuthenticator
    c.JupyterHub.authenticator_class = CognitoAuthenticator
    oauth.client_id = env.required("COGNITO_CLIENT_ID", "the app client's id")
    oauth.client_secret = env.required("COGNITO_CLIENT_SECRET", "from the task's secrets")
    oauth.oauth_callback_url = env.required("HUB_CALLBACK_URL", "https://HUB-ADDRESS/hub/oauth_callback")
    oauth.authorize_url = f"{domain}/oauth2/authorize"
    oauth.token_url = f"{domain}/oauth2/token"
    oauth.userdata_url = f"{domain}/oauth2/userInfo"
    # preferred_username reaches userInfo only when it is set and the profile scope is asked for.
    oauth.scope = ["openid", "email", "profile"]
    oauth.username_claim = "preferred_username"
    oauth.login_service = "Amazon Cognito"
    # Signing out of the hub signs out of Cognito's hosted UI too; otherwise "Sign in" would let the same
    # person straight back in without a password. Cognito then returns to the hub's front page, the
    # sign-out URL Hub Wizard registers with the app client.
    front_page = oauth.oauth_callback_url.removesuffix("hub/oauth_callback")
    oauth.logout_redirect_url = f"{domain}/logout?" + urllib.parse.urlencode(
        {"client_id": oauth.client_id, "logout_uri": front_page})

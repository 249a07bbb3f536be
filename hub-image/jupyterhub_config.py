"""Hub Wizard's JupyterHub configuration.

Who may sign in comes from the files ``admin`` and ``allowed_users`` beside this file (Hub Wizard
writes them at build time) and from the environment variable ``HUB_ALLOWED_USERS`` (changes
without a rebuild). Everything else that differs between the local test and AWS comes from the
environment too (see README.md). Values from the environment are parsed, never evaluated.

Runs on JupyterHub 5 (the official image) and on Debian's JupyterHub 3.0 (the offline test bed).
"""
import ipaddress
import logging
import os
import re
import urllib.parse
from pathlib import Path

c = get_config()  # noqa: F821 -- JupyterHub provides get_config() to its config file

HERE = Path(__file__).resolve().parent
log = logging.getLogger("JupyterHub")

# --- user names --------------------------------------------------------------------------------
# Keep identical to dev.hubwizard.profile.UserNames (a test runs both and compares): Java's trim()
# removes U+0000..U+0020 only, and its \R breaks lines at exactly these characters.
_TRIM = "".join(chr(code) for code in range(0x21))
_LINE_BREAK = re.compile("\r\n|[\n\x0b\x0c\r\x85\u2028\u2029]")
# Debian's adduser NAME_REGEX, capped at the 32 characters Linux allows.
_VALID = re.compile("[a-z][a-z0-9_-]{0,31}")


def normalise_username(name):
    """Lower case; '@' and '.' become '_'. JupyterHub runs adduser without a shell, so the name
    must already be a valid Unix account name: no shell trick in add_user_cmd could rewrite it."""
    return name.strip(_TRIM).lower().replace("@", "_").replace(".", "_")


def username_problem(name):
    """Why a name cannot be a hub user, or None. Checks the normalised form."""
    normalised = normalise_username(name)
    if not normalised:
        return "a user name is empty"
    if _VALID.fullmatch(normalised):
        return None
    if len(normalised) > 32:
        return f"'{name}' is longer than 32 characters"
    if not "a" <= normalised[0] <= "z":
        return f"'{name}' must start with a letter a-z"
    return f"'{name}' may only contain letters a-z, digits, '-', '_', '@' and '.'"


def parse_lines(text):
    """Names from a file: one per line, blank lines and # comments ignored, normalised,
    duplicates dropped, order kept."""
    names = []
    for line in _LINE_BREAK.split(text):
        name = line.split("#", 1)[0].strip(_TRIM)
        if name and normalise_username(name) not in names:
            names.append(normalise_username(name))
    return names


def names_from_file(filename):
    path = HERE / filename
    return parse_lines(path.read_text(encoding="utf-8")) if path.exists() else []


def names_from_environment(variable):
    value = os.environ.get(variable, "")
    return [normalise_username(n) for n in re.split(r"[,\s]+", value, flags=re.ASCII) if n]


def checked(source, names):
    problems = [p for p in map(username_problem, names) if p]
    if problems:
        # SystemExit rather than an exception: the hub stops with this one readable line.
        raise SystemExit(
            f"Hub Wizard: invalid user names in {source}: {'; '.join(problems)}. "
            "Use letters a-z, digits, '-', '_', '@' and '.', starting with a letter."
        )
    return names


def required_environment(variable, why):
    value = os.environ.get(variable, "").strip()
    if not value:
        raise SystemExit(f"Hub Wizard: the environment variable {variable} is not set ({why}).")
    return value


def port_from_environment(variable, default):
    value = os.environ.get(variable, "").strip() or str(default)
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise SystemExit(f"Hub Wizard: {variable}={value!r} is not a TCP port (1-65535).")
    return int(value)


def url_host_from_environment(variable, default):
    value = os.environ.get(variable, "").strip() or default
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        raise SystemExit(f"Hub Wizard: {variable}={value!r} is not an IP address.") from None
    return f"[{address}]" if address.version == 6 else str(address)


# --- who may sign in ---------------------------------------------------------------------------
admins = checked("admin", names_from_file("admin"))
allowed = checked("allowed_users", names_from_file("allowed_users"))
allowed += [n for n in checked("HUB_ALLOWED_USERS", names_from_environment("HUB_ALLOWED_USERS")) if n not in allowed]

c.Authenticator.admin_users = set(admins)
# Admins are allowed too; with nobody listed, nobody can sign in (JupyterHub 5's default as well).
c.Authenticator.allowed_users = set(allowed) | set(admins)

# --- where the hub listens and keeps its state -------------------------------------------------
# 0.0.0.0: reachable on the task's public IP (Fargate) and through a published port. A local test
# with host networking sets 127.0.0.1 and its own ports, so that it is private and never collides.
c.JupyterHub.bind_url = (
    f"http://{url_host_from_environment('HUB_IP', '0.0.0.0')}:{port_from_environment('HUB_PORT', 8000)}"
)
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{port_from_environment('HUB_API_PORT', 8081)}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port_from_environment('HUB_PROXY_API_PORT', 8001)}"

# State stays off /home: homes may move to EFS (NFS), and SQLite must not live on NFS.
state = Path(os.environ.get("HUB_STATE_DIR", "/srv/jupyterhub/state"))
state.mkdir(mode=0o700, parents=True, exist_ok=True)
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")

# --- sign-in -----------------------------------------------------------------------------------
# LocalProcessSpawner (the default) runs each server as a Unix user: create the accounts.
c.LocalAuthenticator.create_system_users = True

# Hook for pinning UIDs (so files on a persistent volume keep their owners across redeploys):
# HUB_USER_UIDS="alice=2001,bob=2002".
uids = {}
for entry in re.split(r"[,\s]+", os.environ.get("HUB_USER_UIDS", ""), flags=re.ASCII):
    if entry:
        name, _, uid = entry.partition("=")
        if not uid.isdigit():
            raise SystemExit(f"Hub Wizard: HUB_USER_UIDS entry {entry!r} is not NAME=UID.")
        uids[checked("HUB_USER_UIDS", [normalise_username(name)])[0]] = int(uid)
c.LocalAuthenticator.uids = uids

from jupyterhub.auth import Authenticator, LocalAuthenticator  # noqa: E402

if "allow_all" in Authenticator.class_trait_names():
    # JupyterHub 5: only the names above, never "anyone who can authenticate", and users added
    # through the admin page do not outlive their removal from the lists above.
    c.Authenticator.allow_all = False
    c.Authenticator.allow_existing_users = False

sign_in = os.environ.get("HUB_SIGN_IN", "first-use").strip().lower()

if sign_in == "first-use":
    from firstuseauthenticator import FirstUseAuthenticator

    class LocalFirstUseAuthenticator(LocalAuthenticator, FirstUseAuthenticator):
        """Each allowed user sets a password the first time they sign in. Works over plain
        http://public-ip:8000 with no other AWS resources."""

        def normalize_username(self, username):
            return normalise_username(username)

        async def authenticate(self, handler, data):
            # FirstUseAuthenticator stores the password of any name it sees before JupyterHub
            # checks the allowed list; refuse first, or someone could claim a name that is
            # added to the list later.
            name = normalise_username(data.get("username", ""))
            if name not in self.allowed_users | self.admin_users:
                return None
            return await super().authenticate(handler, data)

    c.JupyterHub.authenticator_class = LocalFirstUseAuthenticator
    c.FirstUseAuthenticator.dbm_path = str(state / "passwords.dbm")
    c.FirstUseAuthenticator.create_users = True
elif sign_in == "cognito":
    from oauthenticator.generic import LocalGenericOAuthenticator

    class CognitoAuthenticator(LocalGenericOAuthenticator):
        """Amazon Cognito's hosted UI. Cognito only redirects to HTTPS (or http://localhost)."""

        def normalize_username(self, username):
            return normalise_username(username)

    domain = required_environment("COGNITO_DOMAIN", "the user pool's domain, https://PREFIX.auth.REGION.amazoncognito.com")
    domain = (domain if "://" in domain else "https://" + domain).rstrip("/")
    c.JupyterHub.authenticator_class = CognitoAuthenticator
    c.GenericOAuthenticator.client_id = required_environment("COGNITO_CLIENT_ID", "the app client's id")
    c.GenericOAuthenticator.client_secret = required_environment("COGNITO_CLIENT_SECRET", "from the task's secrets")
    c.GenericOAuthenticator.oauth_callback_url = required_environment(
        "HUB_CALLBACK_URL", "https://HUB-ADDRESS/hub/oauth_callback")
    c.GenericOAuthenticator.authorize_url = f"{domain}/oauth2/authorize"
    c.GenericOAuthenticator.token_url = f"{domain}/oauth2/token"
    c.GenericOAuthenticator.userdata_url = f"{domain}/oauth2/userInfo"
    # preferred_username reaches userInfo only when it is set and the profile scope is asked for.
    c.GenericOAuthenticator.scope = ["openid", "email", "profile"]
    c.GenericOAuthenticator.username_claim = "preferred_username"
    c.GenericOAuthenticator.login_service = "Amazon Cognito"
    # Signing out of the hub signs out of Cognito's hosted UI too; otherwise "Sign in" would let the same
    # person straight back in without a password. Cognito then returns to the hub's front page, the
    # sign-out URL Hub Wizard registers with the app client.
    front_page = c.GenericOAuthenticator.oauth_callback_url.removesuffix("hub/oauth_callback")
    c.GenericOAuthenticator.logout_redirect_url = f"{domain}/logout?" + urllib.parse.urlencode(
        {"client_id": c.GenericOAuthenticator.client_id, "logout_uri": front_page})
else:
    raise SystemExit(f"Hub Wizard: HUB_SIGN_IN={sign_in!r} is not 'first-use' or 'cognito'.")

log.info(
    "Hub Wizard: sign-in %s; %d admin(s): %s; %d allowed user(s): %s",
    sign_in, len(admins), ", ".join(admins) or "none",
    len(c.Authenticator.allowed_users), ", ".join(sorted(c.Authenticator.allowed_users)) or "none",
)

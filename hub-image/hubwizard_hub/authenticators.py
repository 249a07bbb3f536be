"""The two ways to sign in: a password chosen at first use, or Amazon Cognito's hosted UI.

Both create a Unix account per user (``create_system_users``) with :data:`accounts.ADD_USER_CMD`, and
both know people by the normalised name (:func:`usernames.normalise`), so ``Carol@Example.org`` is
``carol_example_org`` whichever way she signs in.
"""
import asyncio

from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.auth import Authenticator, LocalAuthenticator
from oauthenticator.generic import LocalGenericOAuthenticator
from traitlets import Float, Set, Unicode

from . import usernames
from .live_users import LiveUsers


class HubWizardAuthenticator(Authenticator):
    """What both ways to sign in share: the lists decide who is an admin, and with ``users_parameter`` set
    the lists change while the hub runs (:mod:`live_users`)."""

    users_parameter = Unicode("", config=True, help="SSM parameter with the live lists; empty: the files only")
    users_status_parameter = Unicode("", config=True, help="SSM parameter the hub writes when it picked them up")
    users_interval = Float(30.0, config=True, help="Seconds between two looks at the lists")
    always_admins = Set(config=True, help="Admins from the environment, added to every reading")
    always_allowed = Set(config=True, help="Allowed users from the environment, added to every reading")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.live_users = None
        if self.users_parameter and self.parent is not None:
            self.live_users = LiveUsers(self.parent, self, self.users_parameter, self.users_status_parameter,
                                        self.users_interval, always_admins=self.always_admins,
                                        always_allowed=self.always_allowed)
            # JupyterHub makes its authenticator while it initialises, on its event loop.
            self._live_users_task = asyncio.get_running_loop().create_task(self.live_users.run())

    def is_admin(self, handler, authentication):
        # The lists are the last word both ways: someone taken off the admin list is no admin at next sign-in.
        return authentication["name"] in self.admin_users


class LocalFirstUseAuthenticator(HubWizardAuthenticator, LocalAuthenticator, FirstUseAuthenticator):
    """Each allowed user sets a password the first time they sign in. Works over plain
    ``http://PUBLIC-IP:8000`` with no other AWS resources."""

    def normalize_username(self, username):
        return usernames.normalise(username)

    async def authenticate(self, handler, data):
        # FirstUseAuthenticator stores the password of any name it sees before JupyterHub checks the
        # allowed list: refuse first, or someone could claim a name that is added to the list later.
        name = usernames.normalise(data.get("username", ""))
        if name not in self.allowed_users | self.admin_users:
            self.log.warning("Hub Wizard: refused sign-in as %r: not an admin or allowed user", name)
            return None
        return await super().authenticate(handler, data)


class CognitoAuthenticator(HubWizardAuthenticator, LocalGenericOAuthenticator):
    """Amazon Cognito's hosted UI. Cognito only redirects to HTTPS (or ``http://localhost``)."""

    def normalize_username(self, username):
        return usernames.normalise(username)

"""The two ways to sign in: a password chosen at first use, or Amazon Cognito's hosted UI.

Both create a Unix account per user (``create_system_users``) with :data:`accounts.ADD_USER_CMD`, and
both know people by the normalised name (:func:`usernames.normalise`), so ``Carol@Example.org`` is
``carol_example_org`` whichever way she signs in.
"""
from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.auth import LocalAuthenticator
from oauthenticator.generic import LocalGenericOAuthenticator

from . import usernames


class LocalFirstUseAuthenticator(LocalAuthenticator, FirstUseAuthenticator):
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


class CognitoAuthenticator(LocalGenericOAuthenticator):
    """Amazon Cognito's hosted UI. Cognito only redirects to HTTPS (or ``http://localhost``)."""

    def normalize_username(self, username):
        return usernames.normalise(username)

"""Who may sign in, changed while the hub runs: the lists in an SSM Parameter Store parameter.

Hub Wizard keeps the hub's admins and allowed users in one String parameter, as JSON::

    {"admins": ["ada"], "allowedUsers": ["grace_example_org", "linus"]}

The hub reads it every ``HUB_USERS_INTERVAL`` seconds (30) on its own event loop (botocore, which blocks,
runs in the loop's executor) and, when its version changed, applies it through JupyterHub's own objects: the
authenticator's ``allowed_users`` and ``admin_users``, each user's admin role, and for a person no longer
listed: their servers stopped and their sign-in ended (their files and first-use password are kept, so being
listed again gives them their own account back). The parameter is data: parsed as JSON and checked with
:mod:`usernames`, never evaluated. After applying a version the hub writes when it did to a second parameter,
which the app reads ("picked up at ..."). The task role may read the first and write the second, nothing else.

The files ``admin`` and ``allowed_users`` (and ``HUB_ADMIN_USERS``, ``HUB_ALLOWED_USERS``) are the starting
lists, in force until the first reading; names from the environment stay added to every reading.
"""
import asyncio
import datetime
import json
import logging

from . import usernames

log = logging.getLogger("JupyterHub")

#: SSM's limit for a standard parameter's value; Hub Wizard writes no bigger ones.
MAX_VALUE = 4096


class BadLists(ValueError):
    """The parameter's value is not lists of valid names; the hub keeps the lists it has."""


def parse(text):
    """``(admins, allowed)`` from the parameter's value, normalised; :class:`BadLists` says what is wrong."""
    if len(text) > MAX_VALUE:
        raise BadLists(f"the value is {len(text)} characters long, more than {MAX_VALUE}")
    try:
        value = json.loads(text)
    except ValueError as e:
        raise BadLists(f"the value is not JSON ({e})") from None
    if not isinstance(value, dict):
        raise BadLists("the value is not a JSON object")
    lists = []
    for key in ("admins", "allowedUsers"):
        names = value.get(key, [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise BadLists(f"'{key}' is not a list of names")
        problems = [p for p in map(usernames.problem, names) if p]
        if problems:
            raise BadLists(f"invalid names in '{key}': {'; '.join(problems)}")
        normalised = []
        for name in map(usernames.normalise, names):
            if name not in normalised:
                normalised.append(name)
        lists.append(normalised)
    return lists[0], lists[1]


class Parameters:
    """SSM Parameter Store through botocore, off the event loop. botocore reads the standard configuration:
    the task role's credentials (ECS's container credentials), ``AWS_DEFAULT_REGION`` (Fargate sets it), ``AWS_ENDPOINT_URL``."""

    def __init__(self, client_factory=None):
        self._factory = client_factory or _ssm_client
        self._client = None

    async def _call(self, method, **kwargs):
        loop = asyncio.get_running_loop()

        def call():
            if self._client is None:
                self._client = self._factory()
            return getattr(self._client, method)(**kwargs)

        return await loop.run_in_executor(None, call)

    async def get(self, name):
        """``(value, version)``."""
        parameter = (await self._call("get_parameter", Name=name))["Parameter"]
        return parameter["Value"], parameter["Version"]

    async def put(self, name, value):
        await self._call("put_parameter", Name=name, Value=value, Type="String", Overwrite=True)


def _ssm_client():
    import botocore.config
    import botocore.session

    config = botocore.config.Config(connect_timeout=5, read_timeout=10, retries={"max_attempts": 3})
    return botocore.session.get_session().create_client("ssm", config=config)


class LiveUsers:
    """Polls the lists and applies each new version to the running hub.

    :param hub: JupyterHub's application (``db``, ``users``, ``proxy``)
    :param authenticator: the hub's authenticator, whose sets it replaces
    :param always_admins, always_allowed: names from the environment, added to every reading
    """

    def __init__(self, hub, authenticator, parameter, status_parameter, interval=30.0, parameters=None,
                 always_admins=(), always_allowed=(), clock=None):
        self.hub = hub
        self.authenticator = authenticator
        self.parameter = parameter
        self.status_parameter = status_parameter
        self.interval = interval
        self.parameters = parameters or Parameters()
        self.always_admins = set(always_admins)
        self.always_allowed = set(always_allowed)
        self.applied_version = None
        self._clock = clock or (lambda: datetime.datetime.now(datetime.timezone.utc))
        self._failing = None

    async def run(self):
        """Until the hub stops: never raises, a failed look is logged once and tried again."""
        await _until_started(self.hub)
        log.info("Hub Wizard: reading who may sign in from %s every %g s", self.parameter, self.interval)
        while True:
            try:
                await self.poll()
                if self._failing:
                    log.info("Hub Wizard: %s can be read again", self.parameter)
                self._failing = None
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 -- the hub keeps serving with the lists it has
                problem = f"{type(e).__name__}: {e}"
                if problem != self._failing:
                    log.warning("Hub Wizard: could not pick up the lists from %s (%s); keeping the current ones, "
                                "trying again every %g s", self.parameter, problem, self.interval)
                self._failing = problem
            await asyncio.sleep(self.interval)

    async def poll(self):
        """Reads the parameter; applies it and records so when its version is new. True when it applied."""
        value, version = await self.parameters.get(self.parameter)
        if version == self.applied_version:
            return False
        admins, allowed = parse(value)
        await self.apply(admins, allowed)
        picked_up = self._clock().astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        await self.parameters.put(self.status_parameter, json.dumps(
            {"pickedUpAt": picked_up, "version": version, "admins": len(admins), "allowedUsers": len(allowed)}))
        self.applied_version = version
        log.info("Hub Wizard: picked up version %s of the lists: %d admin(s): %s; %d allowed user(s): %s",
                 version, len(admins), ", ".join(admins) or "none", len(allowed), ", ".join(allowed) or "none")
        return True

    async def apply(self, admins, allowed):
        """Makes the hub's sets, roles and sessions match the lists. Idempotent."""
        from jupyterhub import orm, roles
        from jupyterhub.utils import new_token

        admin_set = set(admins) | self.always_admins
        allowed_set = set(allowed) | self.always_allowed | admin_set
        self.authenticator.admin_users = admin_set
        self.authenticator.allowed_users = allowed_set
        db = self.hub.db
        for orm_user in db.query(orm.User).all():
            if orm_user.name in allowed_set:
                admin = orm_user.name in admin_set
                if bool(orm_user.admin) != admin:
                    orm_user.admin = admin
                    roles.assign_default_roles(db, entity=orm_user)
                    log.info("Hub Wizard: %s is %s an admin", orm_user.name, "now" if admin else "no longer")
                continue
            user = self.hub.users[orm_user]
            for name, spawner in list(user.spawners.items()):
                if spawner.active:
                    log.info("Hub Wizard: stopping %s's server %r: no longer an allowed user (files are kept)",
                             user.name, name)
                    await self.hub.proxy.delete_user(user, name)
                    await user.stop(name)
            # A new cookie id ends the person's hub session; their tokens go too. Their files and
            # first-use password stay, for when they are listed again.
            orm_user.cookie_id = new_token()
            for token in list(orm_user.api_tokens):
                db.delete(token)
            if orm_user.admin:
                orm_user.admin = False
                roles.assign_default_roles(db, entity=orm_user)
        db.commit()


async def _until_started(hub):
    """JupyterHub finishes loading its users from the database before it starts serving; the lists apply
    after that, so that they are the last word."""
    while True:
        started = getattr(hub, "_start_future", None)
        if started is None or started.done():
            return
        await asyncio.sleep(0.5)

"""Each person's home folder on the hub's EFS file system (``HUB_FARGATE_FILE_SYSTEM``).

On a person's first spawn the hub makes them an EFS access point (their own root directory
``/home/SAFE_NAME``, created owned by jovyan, uid/gid 1000, the single-user image's account, and every
file access made as that user) and registers a task definition family of their own,
``BASE_FAMILY-SAFE_NAME``: the users' task definition with the ``home`` volume on that access point, mounted
at the image's home folder. Later spawns reuse both; a new revision of the users' task definition (a
redeploy) is copied again. A person's server can see only their own folder: the access point is the root
of everything it mounts.

With the shared folder (``HUB_FARGATE_SHARED_FOLDER``) every person's task also mounts one more access point,
``/shared`` on the file system, at ``~/shared``: writable in an admin's server, read-only in everyone else's
(the container's mount is read-only; a Fargate container cannot remount it). A person whose admin status
changed gets their task definition registered again on their next spawn.

Every call runs on the AWS thread pool (``ecs.Ecs.call``), never on the hub's event loop.
"""
import asyncio
import hashlib
import re
import time

from . import ecs
from .problems import SpawnProblem

HOME_VOLUME = "home"
# The single-user image's account (singleuser/Dockerfile) and home folder.
JOVYAN_UID = 1000
JOVYAN_GID = 1000
HOME_PATH = "/home/jovyan"
HOMES_ROOT = "/home"
HOME_PERMISSIONS = "0750"
SHARED_VOLUME = "shared"
SHARED_PATH = HOME_PATH + "/shared"
SHARED_ROOT = "/shared"
# Everyone reads it; what enforces "only admins write" is the read-only mount, not these bits (every access
# through an access point is made as jovyan).
SHARED_PERMISSIONS = "0755"
# Family names are [A-Za-z0-9_-]{1,255}; an access point's root path at most 100 characters. A safe name of
# at most 64 leaves the users' family 190 characters and fits the path "/home/" + name with room to spare.
SAFE_NAME_MAX = 64
FAMILY_MAX = 255
BASE_FAMILY_MAX = FAMILY_MAX - 1 - SAFE_NAME_MAX
CLIENT_TOKEN_MAX = 64
# The tag on a person's task definition saying which revision of the users' task definition it copies.
BASE_TAG = "hubwizard:base-task-definition"
# The tag on the shared folder's access point: Hub Wizard's teardown deletes it with the people's.
SHARED_TAG = "hubwizard:shared-folder"
_KEPT = re.compile(r"[A-Za-z0-9-]", re.ASCII)
_AVAILABLE_TIMEOUT = 60


class HomeUnavailable(SpawnProblem, RuntimeError):
    """EFS could not make or find the person's home folder."""


def safe_name(username):
    """The person's name in the characters of a task definition family and an EFS path, one-to-one.

    Letters, digits and ``-`` stay; every other character becomes ``_`` and its UTF-8 bytes in two lowercase
    hex digits each (``_`` itself is ``_5f``), so decoding gives the name back. A name that encodes to more
    than 64 characters keeps a readable prefix and ends in ``_z`` and a hash of the whole name: ``z`` never
    follows ``_`` in an encoding, so such a name cannot equal another's encoding.
    """
    parts = []
    for character in username:
        if _KEPT.fullmatch(character):
            parts.append(character)
        else:
            parts.append("".join(f"_{byte:02x}" for byte in character.encode("utf-8")))
    encoded = "".join(parts)
    if len(encoded) <= SAFE_NAME_MAX:
        return encoded
    digest = "_z" + hashlib.sha256(username.encode("utf-8")).hexdigest()[:16]
    prefix = ""
    for part in parts:
        if len(prefix) + len(part) > SAFE_NAME_MAX - len(digest):
            break
        prefix += part
    return prefix + digest


def family_of(task_definition):
    """The family of a task definition given as family, family:revision or ARN."""
    return task_definition.rsplit("/", 1)[-1].split(":", 1)[0]


def efs_tag(key, value):
    """An EFS tag: ECS's and EFS's tags take the same characters and lengths (``ecs.tag``)."""
    cleaned = ecs.tag(key, value)
    return {"Key": cleaned["key"], "Value": cleaned["value"]}


class Efs(ecs.Ecs):
    """Async EFS calls on botocore's client, on the same pool as ECS's."""

    service = "efs"

    async def create_access_point(self, params):
        """The new access point's id; an earlier one's when AWS already made one for this client token."""
        from botocore.exceptions import ClientError

        try:
            return (await self.call("create_access_point", **params))["AccessPointId"]
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") != "AccessPointAlreadyExists":
                raise
            known = error.response.get("AccessPointId")
            return known or await self._access_point_with_token(params["FileSystemId"], params["ClientToken"])

    async def _access_point_with_token(self, file_system, token):
        params = {"FileSystemId": file_system}
        while True:
            answer = await self.call("describe_access_points", **params)
            for point in answer.get("AccessPoints", []):
                if point.get("ClientToken") == token:
                    return point["AccessPointId"]
            if not answer.get("NextToken"):
                raise HomeUnavailable(f"EFS says the home folder's access point exists but does not list it "
                                      f"on {file_system}. Start your server again in a minute.")
            params["NextToken"] = answer["NextToken"]

    async def access_point_state(self, access_point):
        """The access point's LifeCycleState, or None while EFS does not know it (just after its creation)."""
        from botocore.exceptions import ClientError

        try:
            answer = await self.call("describe_access_points", AccessPointId=access_point)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "AccessPointNotFound":
                return None
            raise
        points = answer.get("AccessPoints", [])
        return points[0].get("LifeCycleState") if points else None


class Homes:
    """Each person's access point and task definition family on one file system.

    :param ecs_api: ``ecs.Ecs``
    :param efs_api: ``Efs``
    :param file_system: the EFS file system id (fs-...)
    :param base_task_definition: the users' task definition (family, family:revision or ARN)
    :param container_name: the container that runs jupyterhub-singleuser
    :param profile_tag: the hubwizard:profile tag's value
    :param shared: whether every person's task mounts the shared folder (admins' writable, others' read-only)
    """

    def __init__(self, ecs_api, efs_api, file_system, base_task_definition, container_name, profile_tag,
                 poll_interval=2.0, available_timeout=_AVAILABLE_TIMEOUT, shared=False):
        self.ecs = ecs_api
        self.efs = efs_api
        self.file_system = file_system
        self.base_task_definition = base_task_definition
        self.container_name = container_name
        self.profile_tag = profile_tag
        self.poll_interval = poll_interval
        self.available_timeout = available_timeout
        self.shared = shared
        # The shared folder's access point once made or found: one per file system, made on the first spawn.
        self._shared_access_point = None

    def family(self, username):
        return f"{family_of(self.base_task_definition)}-{safe_name(username)}"

    def client_token(self, username):
        """The same for every try to make this person's access point on this file system, so a retry (or a
        second hub racing the first) gets the one AWS already made."""
        digest = hashlib.sha256(f"{self.file_system}/{username}".encode("utf-8")).hexdigest()
        return f"hubwizard-home-{digest}"[:CLIENT_TOKEN_MAX]

    async def task_definition(self, username, known=None, admin=False):
        """The ARN of the person's own task definition; registers it (and their access point) when needed.

        :param known: (base ARN, the person's ARN, the shared folder's mode) from an earlier call: reused while
            the users' task definition's current revision is still that base and the person's admin status
            gives the same mode
        :param admin: whether the person is an admin (writes the shared folder)
        :returns: (base ARN, the person's ARN, the shared folder's mode), to pass as ``known`` next time
        """
        base, base_tags = await self.ecs.describe_task_definition(self.base_task_definition)
        if base is None:
            raise HomeUnavailable(f"ECS has no users' task definition {self.base_task_definition}. "
                                  "Tell your hub's admin: redeploying the hub registers it again.")
        base_arn = base["taskDefinitionArn"]
        shared = self._shared_mode(admin)
        if known and known[0] == base_arn and known[2:] == (shared,):
            return known
        mine, mine_tags = await self.ecs.describe_task_definition(self.family(username))
        if mine is not None and _tags(mine_tags).get(BASE_TAG) == _revision_of(base_arn) \
                and self._access_point_of(mine, HOME_VOLUME) and self._shared_mode_of(mine) == shared:
            return base_arn, mine["taskDefinitionArn"], shared
        access_point = await self.access_point(username)
        shared_point = await self.shared_access_point() if shared else None
        registered = await self.ecs.register_task_definition(
            self._registration(username, base, base_tags, access_point, shared_point, shared))
        return base_arn, registered["taskDefinitionArn"], shared

    def _shared_mode(self, admin):
        """None without the shared folder; else "rw" for an admin, "ro" for everyone else."""
        if not self.shared:
            return None
        return "rw" if admin else "ro"

    def _shared_mode_of(self, task_definition):
        if not self._access_point_of(task_definition, SHARED_VOLUME):
            return None
        for container in task_definition.get("containerDefinitions", []):
            if container.get("name") == self.container_name:
                for mount in container.get("mountPoints", []):
                    if mount.get("sourceVolume") == SHARED_VOLUME:
                        return "ro" if mount.get("readOnly") else "rw"
        return None

    async def shared_access_point(self):
        """The shared folder's access point id, made on first use, once EFS has it available."""
        if self._shared_access_point is None:
            digest = hashlib.sha256(f"{self.file_system}/shared".encode("utf-8")).hexdigest()
            self._shared_access_point = await self._made_access_point(
                f"hubwizard-shared-{digest}"[:CLIENT_TOKEN_MAX], SHARED_ROOT, SHARED_PERMISSIONS,
                [efs_tag("Name", "shared folder"), efs_tag(SHARED_TAG, "true")])
        return self._shared_access_point

    async def access_point(self, username):
        """The person's access point id, made on first use, once EFS has it available."""
        return await self._made_access_point(
            self.client_token(username), f"{HOMES_ROOT}/{safe_name(username)}", HOME_PERMISSIONS,
            [efs_tag("Name", f"home of {username}"), efs_tag("jupyterhub:user", username)])

    async def _made_access_point(self, client_token, root, permissions, tags):
        """An access point on the file system whose every access is jovyan's, once available."""
        if self.profile_tag:
            tags.append(efs_tag("hubwizard:profile", self.profile_tag))
        access_point = await self.efs.create_access_point({
            "ClientToken": client_token,
            "FileSystemId": self.file_system,
            "PosixUser": {"Uid": JOVYAN_UID, "Gid": JOVYAN_GID},
            "RootDirectory": {"Path": root, "CreationInfo": {
                "OwnerUid": JOVYAN_UID, "OwnerGid": JOVYAN_GID, "Permissions": permissions}},
            "Tags": tags,
        })
        await self._until_available(access_point)
        return access_point

    async def _until_available(self, access_point):
        # An access point is "creating" for a moment, and may be unknown to a describe just after its creation.
        deadline = time.monotonic() + self.available_timeout
        while True:
            state = await self.efs.access_point_state(access_point)
            if state == "available":
                return
            if state in ("error", "deleting", "deleted"):
                raise HomeUnavailable(f"EFS could not make your home folder (access point {access_point} is "
                                      f"{state}). Tell your hub's admin: the hub's log has the details.")
            if time.monotonic() > deadline:
                raise HomeUnavailable(f"EFS's access point {access_point} for your home folder was not ready "
                                      f"after {self.available_timeout} s. Start your server again in a minute.")
            await asyncio.sleep(self.poll_interval)

    def _access_point_of(self, task_definition, volume_name):
        for volume in task_definition.get("volumes", []):
            efs = volume.get("efsVolumeConfiguration") or {}
            if volume.get("name") == volume_name and efs.get("fileSystemId") == self.file_system:
                return efs.get("authorizationConfig", {}).get("accessPointId")
        return None

    def _registration(self, username, base, base_tags, access_point, shared_point=None, shared=None):
        """RegisterTaskDefinition's parameters: the base, with the home volume on the person's access point
        (and the shared folder's volume on its own, read-only unless ``shared`` is "rw")."""
        params = {k: base[k] for k in _REGISTERED if base.get(k) is not None}
        params["family"] = self.family(username)
        ours = {HOME_VOLUME, SHARED_VOLUME}
        volumes = [(HOME_VOLUME, access_point)] + ([(SHARED_VOLUME, shared_point)] if shared_point else [])
        params["volumes"] = [v for v in base.get("volumes", []) if v.get("name") not in ours] + [{
            "name": name,
            # Through an access point EFS requires encryption in transit; IAM authorization would add nothing,
            # as every person's task has the same task role: the access point is what keeps folders apart.
            "efsVolumeConfiguration": {
                "fileSystemId": self.file_system,
                "transitEncryption": "ENABLED",
                "authorizationConfig": {"accessPointId": point, "iam": "DISABLED"},
            },
        } for name, point in volumes]
        wanted = [{"sourceVolume": HOME_VOLUME, "containerPath": HOME_PATH, "readOnly": False}]
        if shared_point:
            wanted.append({"sourceVolume": SHARED_VOLUME, "containerPath": SHARED_PATH, "readOnly": shared != "rw"})
        containers = []
        for container in base["containerDefinitions"]:
            if container.get("name") == self.container_name:
                mounts = [m for m in container.get("mountPoints", []) if m.get("sourceVolume") not in ours
                          and m.get("containerPath") not in (HOME_PATH, SHARED_PATH)]
                container = {**container, "mountPoints": mounts + wanted}
            containers.append(container)
        if not any(c.get("name") == self.container_name for c in containers):
            raise HomeUnavailable(f"The users' task definition {base['taskDefinitionArn']} has no container "
                                  f"{self.container_name!r}. Tell your hub's admin: redeploying the hub fixes it.")
        params["containerDefinitions"] = containers
        tags = {t["key"]: t["value"] for t in base_tags if t["key"] not in ("jupyterhub:user", BASE_TAG)}
        tags = [ecs.tag(k, v) for k, v in tags.items()][: ecs.TAGS_MAX - 3]
        tags += [ecs.tag("jupyterhub:user", username), ecs.tag(BASE_TAG, _revision_of(base["taskDefinitionArn"]))]
        if self.profile_tag and not any(t["key"] == "hubwizard:profile" for t in tags):
            tags.append(ecs.tag("hubwizard:profile", self.profile_tag))
        params["tags"] = tags
        return params


# What DescribeTaskDefinition answers that RegisterTaskDefinition takes back (not the ARN, revision, status,
# compatibilities, required attributes, who registered it and when).
_REGISTERED = ("taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions", "placementConstraints",
               "requiresCompatibilities", "cpu", "memory", "pidMode", "ipcMode", "proxyConfiguration",
               "inferenceAccelerators", "ephemeralStorage", "runtimePlatform", "enableFaultInjection")


def _revision_of(task_definition_arn):
    """family:revision of a task definition ARN."""
    return task_definition_arn.rsplit("/", 1)[-1]


def _tags(tags):
    return {t["key"]: t["value"] for t in tags}

"""People's home folders on EFS (HUB_FARGATE_FILE_SYSTEM): an access point and a task definition family each.

Against moto's ECS and EFS in server mode; ``StrictEfs`` plays what moto leaves out (a client token EFS has
seen answers with the earlier access point; a new access point is unknown, then "creating") and
``AwsLimits`` fails any text real AWS would refuse (fargate_testbed.py).
"""
import asyncio
import re
import uuid

import pytest
from botocore.exceptions import ClientError

from fargate_testbed import Bed, aws, moto_endpoint, new_spawner  # noqa: F401 -- aws and moto_endpoint are fixtures
from hubwizard_hub import homes
from hubwizard_hub.fargate import AwsRefused

BASE_CONTAINER = {"name": "notebook", "image": "singleuser:test", "memory": 1024,
                  "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/tmp/scratch"}]}


def decode(safe):
    """The name a safe name encodes (what an admin reading the folders' names does)."""
    return re.sub(rb"_([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), safe.encode()).decode("utf-8")


@pytest.mark.parametrize("name", ["alice", "bob-2", "Carol", "a.b", "a_b", "a_2eb", "zoë", "名前", "x@example.org",
                                  "_z", "a b/c"])
def test_a_safe_name_fits_family_and_path_and_gives_the_name_back(name):
    safe = homes.safe_name(name)

    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", safe)
    assert decode(safe) == name


def test_plain_names_stay_readable_and_similar_names_stay_apart():
    assert homes.safe_name("alice") == "alice" and homes.safe_name("bob-2") == "bob-2"
    names = ["a.b", "a_b", "a_2eb", "a-b", "A.b", "a_5fb"]
    assert len({homes.safe_name(n) for n in names}) == len(names)


def test_a_long_name_is_cut_with_a_hash_no_other_name_encodes_to():
    long, other = "x" * 70, "x" * 69 + "y"
    safe = homes.safe_name(long)

    assert len(safe) == 64 and safe.startswith("x" * 40) and "_z" in safe
    assert safe != homes.safe_name(other) and "_z" not in homes.safe_name("x" * 64)
    # A long name of escaped characters is cut between escapes, never inside one.
    assert re.fullmatch(r"(_[0-9a-f]{2})+_z[0-9a-f]{16}", homes.safe_name("é" * 40))


def test_the_family_of_any_task_definition_reference():
    assert homes.family_of("users") == "users" and homes.family_of("users:3") == "users"
    assert homes.family_of("arn:aws:ecs:eu-west-1:123456789012:task-definition/team-hub-user:7") == "team-hub-user"


@pytest.fixture
def bed(aws):
    """A test's own users' task definition family and EFS file system on the session's moto."""
    bed = Bed(aws)
    bed.family = f"users-{uuid.uuid4().hex[:8]}"
    register_base(bed)
    bed.file_system = bed.efs_client.create_file_system(
        CreationToken=uuid.uuid4().hex, Encrypted=True)["FileSystemId"]
    return bed


def register_base(bed, image="singleuser:test"):
    return bed.ecs_client.register_task_definition(
        family=bed.family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="512", memory="1024",
        executionRoleArn="arn:aws:iam::123456789012:role/team-hub-user-execution",
        volumes=[{"name": "scratch"}], containerDefinitions=[{**BASE_CONTAINER, "image": image}],
        tags=[{"key": "hubwizard:profile", "value": "team-hub"}, {"key": "cost-centre", "value": "lab"}],
    )["taskDefinition"]["taskDefinitionArn"]


def home_spawner(bed, name="alice", **settings):
    return new_spawner(bed, name, file_system=bed.file_system, **settings)


def access_points(bed):
    return bed.efs_client.describe_access_points(FileSystemId=bed.file_system)["AccessPoints"]


def task_definition_of(bed, arn):
    answer = bed.ecs_client.describe_task_definition(taskDefinition=arn, include=["TAGS"])
    return answer["taskDefinition"], {t["key"]: t["value"] for t in answer["tags"]}


async def test_the_first_spawn_makes_the_persons_access_point_and_task_definition(bed):
    spawner = home_spawner(bed)

    await spawner.start()

    [point] = access_points(bed)
    assert point["PosixUser"] == {"Uid": 1000, "Gid": 1000}
    assert point["RootDirectory"] == {"Path": "/home/alice", "CreationInfo": {
        "OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "0750"}}
    assert {t["Key"]: t["Value"] for t in point["Tags"]} == {
        "Name": "home of alice", "jupyterhub:user": "alice", "hubwizard:profile": "team-hub"}
    task = bed.task(spawner.task_arn)
    definition, tags = task_definition_of(bed, task["taskDefinitionArn"])
    assert definition["family"] == f"{bed.family}-alice"
    # ECS answers the root directory it defaults to ("/", which an access point requires).
    assert definition["volumes"][1]["efsVolumeConfiguration"].pop("rootDirectory", "/") == "/"
    assert definition["volumes"] == [{"name": "scratch"}, {"name": "home", "efsVolumeConfiguration": {
        "fileSystemId": bed.file_system, "transitEncryption": "ENABLED",
        "authorizationConfig": {"accessPointId": point["AccessPointId"], "iam": "DISABLED"}}}]
    [container] = definition["containerDefinitions"]
    assert container["mountPoints"] == [
        {"sourceVolume": "scratch", "containerPath": "/tmp/scratch"},
        {"sourceVolume": "home", "containerPath": "/home/jovyan", "readOnly": False}]
    assert definition["executionRoleArn"].endswith("/team-hub-user-execution") and definition["cpu"] == "512"
    assert tags == {"hubwizard:profile": "team-hub", "cost-centre": "lab", "jupyterhub:user": "alice",
                    homes.BASE_TAG: f"{bed.family}:1"}
    assert bed.efs.created == [point["AccessPointId"]]


async def test_the_spawn_page_says_the_home_folder_is_being_prepared_the_first_time_only(bed):
    spawner = home_spawner(bed)
    events = []

    async def follow():
        async for event in spawner.progress():
            events.append(event["message"])

    follower = asyncio.create_task(follow())
    await spawner.start()
    await follower
    assert events[:2] == ["Asking AWS Fargate for your server", "Preparing your home folder"]

    await spawner.stop()
    await spawner.start()
    assert "Preparing your home folder" not in [e["message"] for e in spawner._events]


async def test_later_spawns_reuse_both_with_one_extra_call(bed):
    spawner = home_spawner(bed)
    await spawner.start()
    first = bed.task(spawner.task_arn)["taskDefinitionArn"]
    await spawner.stop()
    bed.limits.calls.clear()

    await spawner.start()

    assert bed.task(spawner.task_arn)["taskDefinitionArn"] == first
    assert len(access_points(bed)) == 1
    assert bed.limits.calls["DescribeTaskDefinition"] == 1, "only the users' task definition's current revision"
    assert "RegisterTaskDefinition" not in bed.limits.calls and "CreateAccessPoint" not in bed.limits.calls


async def test_a_restarted_hub_finds_the_persons_task_definition_by_its_family_and_tag(bed):
    await home_spawner(bed).start()
    bed.limits.calls.clear()

    spawner = home_spawner(bed)  # a new hub: nothing in memory
    await spawner.start()

    assert bed.task(spawner.task_arn)["taskDefinitionArn"].endswith(f"/{bed.family}-alice:1")
    assert bed.limits.calls["DescribeTaskDefinition"] == 2
    assert "RegisterTaskDefinition" not in bed.limits.calls and "CreateAccessPoint" not in bed.limits.calls


async def test_a_new_revision_of_the_users_task_definition_is_copied_with_the_same_folder(bed):
    spawner = home_spawner(bed)
    await spawner.start()
    await spawner.stop()
    register_base(bed, image="singleuser:newer")

    await spawner.start()

    definition, tags = task_definition_of(bed, bed.task(spawner.task_arn)["taskDefinitionArn"])
    assert definition["revision"] == 2 and definition["containerDefinitions"][0]["image"] == "singleuser:newer"
    assert tags[homes.BASE_TAG] == f"{bed.family}:2"
    [point] = access_points(bed)
    assert definition["volumes"][-1]["efsVolumeConfiguration"]["authorizationConfig"]["accessPointId"] == \
        point["AccessPointId"]


async def test_a_retried_create_gets_the_access_point_efs_already_made(bed):
    """The first CreateAccessPoint's answer was lost (a broken connection, a hub that stopped): the retry
    sends the same client token and EFS answers with the access point it made."""
    folders = home_spawner(bed).homes

    first = await folders.access_point("alice")
    again = await folders.access_point("alice")

    assert first == again and len(access_points(bed)) == 1 and bed.efs.created == [first]


async def test_an_access_point_is_used_only_once_available(bed):
    bed.efs.script = [None, None, "creating", "creating", "available"]
    spawner = home_spawner(bed)

    await spawner.start()

    assert bed.limits.calls["DescribeAccessPoints"] >= 5


async def test_an_access_point_that_fails_fails_the_spawn_saying_so(bed):
    bed.efs.script = ["creating", "error"]
    spawner = home_spawner(bed)

    with pytest.raises(homes.HomeUnavailable, match=r"EFS could not make your home folder \(access point fsap-"):
        await spawner.start()
    assert spawner.task_arn is None, "no server starts without its folder"


async def test_people_get_folders_and_task_definitions_of_their_own(bed):
    alice, bob = home_spawner(bed, "alice"), home_spawner(bed, "bob")

    await alice.start()
    await bob.start()

    paths = sorted(p["RootDirectory"]["Path"] for p in access_points(bed))
    assert paths == ["/home/alice", "/home/bob"]
    families = {bed.task(s.task_arn)["taskDefinitionArn"].rsplit("/")[-1] for s in (alice, bob)}
    assert families == {f"{bed.family}-alice:1", f"{bed.family}-bob:1"}


async def test_unusual_and_long_names_stay_within_aws_limits(bed):
    name = "Zoë O'Brien <zoe@example.org> " + "x" * 90
    spawner = home_spawner(bed, name)

    await spawner.start()

    assert not bed.limits.breaches
    [point] = access_points(bed)
    assert point["RootDirectory"]["Path"] == f"/home/{homes.safe_name(name)}"


async def test_an_efs_refusal_fails_the_spawn_with_a_message_for_the_person(bed):
    bed.efs.failing = ClientError({"Error": {"Code": "AccessDeniedException", "Message": "not authorized to "
                                             "perform: elasticfilesystem:CreateAccessPoint"}}, "CreateAccessPoint")
    spawner = home_spawner(bed)

    with pytest.raises(AwsRefused, match="could not start your server on AWS Fargate: .*CreateAccessPoint"):
        await spawner.start()


async def test_without_a_file_system_the_users_task_definition_runs_as_it_is(bed):
    spawner = new_spawner(bed)

    await spawner.start()

    assert bed.task(spawner.task_arn)["taskDefinitionArn"].endswith(f"/{bed.family}:1")
    assert not access_points(bed) and "DescribeTaskDefinition" not in bed.limits.calls


def shared_mount(definition):
    [container] = definition["containerDefinitions"]
    return [m for m in container["mountPoints"] if m["sourceVolume"] == "shared"]


async def test_the_shared_folder_is_writable_for_admins_and_read_only_for_everyone_else(bed):
    admin = home_spawner(bed, "ada", shared_folder=True)
    admin.user.admin = True
    person = home_spawner(bed, "bob", shared_folder=True, homes=admin.homes)

    await admin.start()
    await person.start()

    shared = [p for p in access_points(bed) if p["RootDirectory"]["Path"] == "/shared"]
    assert len(shared) == 1, "one shared folder for everyone, made once"
    [point] = shared
    assert point["PosixUser"] == {"Uid": 1000, "Gid": 1000}
    assert point["RootDirectory"]["CreationInfo"] == {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "0755"}
    assert {t["Key"]: t["Value"] for t in point["Tags"]} == {"Name": "shared folder", "hubwizard:shared-folder": "true",
                                                              "hubwizard:profile": "team-hub"}
    for spawner, read_only in ((admin, False), (person, True)):
        definition, _ = task_definition_of(bed, bed.task(spawner.task_arn)["taskDefinitionArn"])
        volume = [v for v in definition["volumes"] if v["name"] == "shared"][0]["efsVolumeConfiguration"]
        assert volume["authorizationConfig"] == {"accessPointId": point["AccessPointId"], "iam": "DISABLED"}
        assert volume["transitEncryption"] == "ENABLED"
        assert shared_mount(definition) == [
            {"sourceVolume": "shared", "containerPath": "/home/jovyan/shared", "readOnly": read_only}]


async def test_a_person_made_admin_gets_a_writable_shared_folder_on_their_next_spawn(bed):
    spawner = home_spawner(bed, shared_folder=True)
    await spawner.start()
    first = bed.task(spawner.task_arn)["taskDefinitionArn"]
    await spawner.stop()

    spawner.user.admin = True
    await spawner.start()

    definition, _ = task_definition_of(bed, bed.task(spawner.task_arn)["taskDefinitionArn"])
    assert definition["revision"] == 2 and shared_mount(definition)[0]["readOnly"] is False
    assert shared_mount(task_definition_of(bed, first)[0])[0]["readOnly"] is True
    assert bed.efs.created.count([p for p in access_points(bed)
                                  if p["RootDirectory"]["Path"] == "/shared"][0]["AccessPointId"]) == 1


async def test_a_restarted_hub_reuses_a_persons_task_definition_with_the_same_shared_mode(bed):
    await home_spawner(bed, shared_folder=True).start()
    bed.limits.calls.clear()

    spawner = home_spawner(bed, shared_folder=True)
    await spawner.start()

    assert bed.task(spawner.task_arn)["taskDefinitionArn"].endswith(f"/{bed.family}-alice:1")
    assert "RegisterTaskDefinition" not in bed.limits.calls and "CreateAccessPoint" not in bed.limits.calls


async def test_turning_the_shared_folder_off_takes_it_out_of_the_next_spawn(bed):
    spawner = home_spawner(bed, shared_folder=True)
    await spawner.start()
    await spawner.stop()

    again = home_spawner(bed)  # a hub redeployed without the shared folder
    await again.start()

    definition, _ = task_definition_of(bed, bed.task(again.task_arn)["taskDefinitionArn"])
    assert shared_mount(definition) == [] and [v["name"] for v in definition["volumes"]] == ["scratch", "home"]

import pytest

from hubwizard_hub import usernames


@pytest.mark.parametrize("name, expected", [
    ("alice", "alice"),
    ("  Alice\t", "alice"),
    ("Carol@Example.org", "carol_example_org"),
    ("Dave.Smith@Example.ORG", "dave_smith_example_org"),
])
def test_names_are_lower_case_with_at_and_dot_as_underscore(name, expected):
    assert usernames.normalise(name) == expected


@pytest.mark.parametrize("name, problem", [
    ("alice", None),
    ("x" * 32, None),
    ("x" * 33, "'" + "x" * 33 + "' is longer than 32 characters"),
    ("9lives", "'9lives' must start with a letter a-z"),
    ("_private", "'_private' must start with a letter a-z"),
    ("bad name!", "'bad name!' may only contain letters a-z, digits, '-', '_', '@' and '.'"),
    ("$(reboot)", "'$(reboot)' must start with a letter a-z"),
    ("", "a user name is empty"),
])
def test_a_name_must_be_a_unix_account_name_once_normalised(name, problem):
    assert usernames.problem(name) == problem


def test_files_have_one_name_per_line_with_comments_and_duplicates_dropped():
    text = "# admins\nAlice\r\nbob # the new one\n\n  Carol@Example.org  \u2028dave\u0085alice\n"

    assert usernames.parse_lines(text) == ["alice", "bob", "carol_example_org", "dave"]


def test_lists_in_variables_are_comma_or_space_separated():
    assert usernames.parse_list("dave, Erin.Smith  frank,,") == ["dave", "erin_smith", "frank"]
    assert usernames.parse_list("") == []


def test_invalid_names_stop_the_hub_naming_where_they_came_from():
    with pytest.raises(SystemExit) as stop:
        usernames.checked("allowed_users", ["bob", "9lives", "bad name"])

    assert str(stop.value.code) == (
        "Hub Wizard: invalid user names in allowed_users: '9lives' must start with a letter a-z; "
        "'bad name' may only contain letters a-z, digits, '-', '_', '@' and '.'. "
        "Use letters a-z, digits, '-', '_', '@' and '.', starting with a letter.")

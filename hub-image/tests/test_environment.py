import pytest

from hubwizard_hub.environment import Environment


def message(stop):
    return str(stop.value.code)


def test_ports_must_be_tcp_ports():
    env = Environment({"HUB_PORT": " 18000 ", "HUB_API_PORT": "80; rm -rf /", "BIG": "65536"})

    assert env.port("HUB_PORT", 8000) == 18000
    assert env.port("UNSET", 8000) == 8000
    with pytest.raises(SystemExit) as stop:
        env.port("HUB_API_PORT", 8081)
    assert message(stop) == "Hub Wizard: HUB_API_PORT='80; rm -rf /' is not a TCP port (1-65535)."
    with pytest.raises(SystemExit):
        env.port("BIG", 1)


def test_addresses_must_be_ip_addresses_and_ipv6_goes_in_brackets():
    env = Environment({"V4": "127.0.0.1", "V6": "::1", "SHELL_TRICK": "$(hostname)"})

    assert env.url_host("V4", "0.0.0.0") == "127.0.0.1"
    assert env.url_host("V6", "0.0.0.0") == "[::1]"
    assert env.url_host("UNSET", "0.0.0.0") == "0.0.0.0"
    with pytest.raises(SystemExit) as stop:
        env.url_host("SHELL_TRICK", "0.0.0.0")
    assert message(stop) == "Hub Wizard: SHELL_TRICK='$(hostname)' is not an IP address."


def test_a_required_variable_says_what_it_is_for():
    with pytest.raises(SystemExit) as stop:
        Environment({"COGNITO_DOMAIN": "  "}).required("COGNITO_DOMAIN", "the user pool's domain")

    assert message(stop) == "Hub Wizard: the environment variable COGNITO_DOMAIN is not set (the user pool's domain)."


def test_pinned_uids_are_by_normalised_name():
    env = Environment({"HUB_USER_UIDS": "Alice=2001, bob@x.org=2002", "BROKEN": "alice", "BAD_NAME": "9x=2003"})

    assert env.uids("HUB_USER_UIDS") == {"alice": 2001, "bob_x_org": 2002}
    assert env.uids("UNSET") == {}
    with pytest.raises(SystemExit) as stop:
        env.uids("BROKEN")
    assert message(stop) == "Hub Wizard: BROKEN entry 'alice' is not NAME=UID."
    with pytest.raises(SystemExit) as stop:
        env.uids("BAD_NAME")
    assert "invalid user names in BAD_NAME" in message(stop)


def test_names_from_a_variable_are_checked_naming_the_variable():
    with pytest.raises(SystemExit) as stop:
        Environment({"HUB_ALLOWED_USERS": "ok,bad name!"}).names("HUB_ALLOWED_USERS")

    assert "invalid user names in HUB_ALLOWED_USERS: 'name!' may only contain" in message(stop)

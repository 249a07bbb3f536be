"""What the hub reads from its environment: parsed, checked, never evaluated.

Every problem stops the hub with one line that names the variable and says what it must be, because
that line is what a person sees first (in the wizard's local test, in the task's CloudWatch log).
"""
import ipaddress
import re

from . import usernames


class BadSetting(SystemExit):
    """Stops the hub with one readable line."""

    def __init__(self, message):
        super().__init__(f"Hub Wizard: {message}")


class Environment:
    """A view of the environment variables (``os.environ`` in the hub, a dict in tests)."""

    def __init__(self, variables):
        self._variables = variables

    def text(self, name, default=""):
        return self._variables.get(name, "").strip() or default

    def required(self, name, why):
        value = self.text(name)
        if not value:
            raise BadSetting(f"the environment variable {name} is not set ({why}).")
        return value

    def port(self, name, default):
        value = self.text(name, str(default))
        if not value.isdigit() or not 0 < int(value) < 65536:
            raise BadSetting(f"{name}={value!r} is not a TCP port (1-65535).")
        return int(value)

    def url_host(self, name, default):
        """An IP address as it goes into a URL: IPv6 in brackets."""
        value = self.text(name, default)
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            raise BadSetting(f"{name}={value!r} is not an IP address.") from None
        return f"[{address}]" if address.version == 6 else str(address)

    def names(self, name):
        """User names, comma or space separated, normalised and checked."""
        return usernames.checked(name, usernames.parse_list(self._variables.get(name, "")))

    def uids(self, name):
        """Pinned Unix user ids, ``alice=2001,bob=2002``, by normalised name."""
        ids = {}
        for entry in re.split(r"[,\s]+", self._variables.get(name, ""), flags=re.ASCII):
            if not entry:
                continue
            user, _, uid = entry.partition("=")
            if not uid.isdigit():
                raise BadSetting(f"{name} entry {entry!r} is not NAME=UID.")
            ids[usernames.checked(name, [usernames.normalise(user)])[0]] = int(uid)
        return ids

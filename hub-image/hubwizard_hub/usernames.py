"""User names: how the hub normalises and checks them.

Keep identical to the wizard's ``dev.hubwizard.profile.UserNames`` (a test runs both and compares):
a name the wizard accepts must be one the hub accepts, and become the same account name.
"""
import re

# Java's trim() removes U+0000..U+0020 only, and its \R breaks lines at exactly these characters.
_TRIM = "".join(chr(code) for code in range(0x21))
_LINE_BREAK = re.compile("\r\n|[\n\x0b\x0c\r\x85\u2028\u2029]")
# Debian's adduser NAME_REGEX (useradd accepts the same), capped at the 32 characters Linux allows.
_VALID = re.compile("[a-z][a-z0-9_-]{0,31}")
_LIST_SEPARATORS = re.compile(r"[,\s]+", flags=re.ASCII)


def normalise(name):
    """Lower case; '@' and '.' become '_'. JupyterHub runs the account command without a shell, so
    the name must already be a valid Unix account name: no shell trick could rewrite it there."""
    return name.strip(_TRIM).lower().replace("@", "_").replace(".", "_")


def problem(name):
    """Why a name cannot be a hub user, or None. Checks the normalised form."""
    normalised = normalise(name)
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
    """Names from a file: one per line, blank lines and # comments ignored, normalised, duplicates
    dropped, order kept."""
    names = []
    for line in _LINE_BREAK.split(text):
        name = normalise(line.split("#", 1)[0])
        if name and name not in names:
            names.append(name)
    return names


def parse_list(value):
    """Names from an environment variable: comma or space separated, normalised."""
    return [normalise(name) for name in _LIST_SEPARATORS.split(value) if name]


class InvalidNames(SystemExit):
    """Stops the hub with one readable line naming where the names came from."""

    def __init__(self, source, problems):
        super().__init__(
            f"Hub Wizard: invalid user names in {source}: {'; '.join(problems)}. "
            "Use letters a-z, digits, '-', '_', '@' and '.', starting with a letter."
        )


def checked(source, names):
    """The names, or :class:`InvalidNames` listing every problem."""
    problems = [p for p in map(problem, names) if p]
    if problems:
        raise InvalidNames(source, problems)
    return names

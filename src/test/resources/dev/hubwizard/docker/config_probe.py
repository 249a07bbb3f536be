"""Runs the hub image's jupyterhub_config.py outside JupyterHub and prints what it configured.

JupyterHub's classes are replaced by stand-ins, so this needs nothing but Python 3. Usage:

    config_probe.py CONFIG_FILE JUPYTERHUB_MAJOR_VERSION [NAME ...]

Prints one JSON object: "config" (the settings, sets as sorted lists, classes by name),
"sign_in" (what the configured authenticator's authenticate() returns for each NAME), and
"names" (normalise_username and username_problem for each line of standard input), or
"exit" with the message when the config stops the hub.
"""
import asyncio
import json
import sys
import types


class Section(dict):
    """Stands in for traitlets' Config: c.Section.option = value, sections made on first use."""

    def __getattr__(self, name):
        if name not in self:
            self[name] = Section()
        return self[name]

    def __setattr__(self, name, value):
        self[name] = value


def stub_modules(major):
    class Authenticator:
        @classmethod
        def class_trait_names(cls):
            return ["admin_users", "allowed_users"] + (["allow_all", "allow_existing_users"] if major >= 5 else [])

    class LocalAuthenticator(Authenticator):
        pass

    class FirstUseAuthenticator(Authenticator):
        async def authenticate(self, handler, data):
            return self.normalize_username(data["username"])

    class LocalGenericOAuthenticator(LocalAuthenticator):
        pass

    modules = {
        "jupyterhub": types.ModuleType("jupyterhub"),
        "jupyterhub.auth": types.ModuleType("jupyterhub.auth"),
        "firstuseauthenticator": types.ModuleType("firstuseauthenticator"),
        "oauthenticator": types.ModuleType("oauthenticator"),
        "oauthenticator.generic": types.ModuleType("oauthenticator.generic"),
    }
    modules["jupyterhub.auth"].Authenticator = Authenticator
    modules["jupyterhub.auth"].LocalAuthenticator = LocalAuthenticator
    modules["firstuseauthenticator"].FirstUseAuthenticator = FirstUseAuthenticator
    modules["oauthenticator.generic"].LocalGenericOAuthenticator = LocalGenericOAuthenticator
    sys.modules.update(modules)


def plain(value):
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, type):
        return value.__name__
    return value


def main():
    config_file, major, sign_in_names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    stub_modules(major)
    c = Section()
    namespace = {"get_config": lambda: c, "__file__": config_file, "__name__": "jupyterhub_config"}
    with open(config_file, encoding="utf-8") as f:
        source = f.read()
    try:
        exec(compile(source, config_file, "exec"), namespace)
    except SystemExit as stop:
        print(json.dumps({"exit": str(stop.code)}))
        return

    sign_in = {}
    authenticator_class = c.JupyterHub.authenticator_class
    for name in sign_in_names:
        authenticator = authenticator_class.__new__(authenticator_class)
        authenticator.allowed_users = set(c.Authenticator.allowed_users)
        authenticator.admin_users = set(c.Authenticator.admin_users)
        if hasattr(authenticator, "authenticate"):
            sign_in[name] = asyncio.run(authenticator.authenticate(None, {"username": name, "password": "x" * 8}))

    names = {}
    for line in sys.stdin.read().split("\n"):
        if line:
            name = json.loads(line)
            names[name] = [namespace["normalise_username"](name), namespace["username_problem"](name)]

    print(json.dumps({"config": plain(c), "sign_in": sign_in, "names": names}))


main()

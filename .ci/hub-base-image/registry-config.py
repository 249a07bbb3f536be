"""Copies this machine's own pip and npm configuration into a build context's folder, for the
downloads in the stand-in base image's builder stage. Usage: registry-config.py FOLDER

pip's effective settings (its configuration files and PIP_* variables, as `pip config list` shows
them) become FOLDER/pip.conf, npm's registry settings FOLDER/npmrc; a certificate file either names is
copied beside them and named by its path inside the build (/tmp/registry). Nothing here names a
registry: whatever the machine uses is what the build uses. Settings that point at this machine's own
folders (a local find-links) mean nothing inside the build and are left out.
"""
import configparser
import json
import shutil
import subprocess
import sys
from pathlib import Path

INSIDE = Path("/tmp/registry")
# npm settings that say where the registry is and how to reach and trust it.
NPM_KEYS = ("registry", "cafile", "ca", "strict-ssl", "proxy", "https-proxy", "noproxy")


def copied(folder, path, names={}):
    """Copies a file the configuration names into the context, once; returns its path inside the build."""
    if path not in names:
        names[path] = f"file-{len(names)}-{Path(path).name}"
        shutil.copyfile(path, folder / names[path])
    return str(INSIDE / names[path])


def pip_settings(folder):
    listed = subprocess.run([sys.executable, "-m", "pip", "config", "list"], check=True, capture_output=True,
                            text=True).stdout
    settings = {}
    for line in listed.splitlines():
        scope_key, _, value = line.partition("=")
        key = scope_key.rsplit(".", 1)[-1]
        value = value.strip().strip("'")
        if key in ("cert", "client-cert"):
            value = copied(folder, value)
        elif key == "find-links" and "://" not in value:
            continue
        settings[key] = value
    return settings


def npm_settings(folder):
    listed = json.loads(subprocess.run(["npm", "config", "list", "--json"], check=True, capture_output=True,
                                       text=True).stdout)
    lines = []
    for key, value in listed.items():
        wanted = key in NPM_KEYS or key.endswith(":registry") or key.startswith("//")
        if not wanted or value in (None, "", [""], []):
            continue
        if key == "cafile":
            value = copied(folder, value)
        for one in value if isinstance(value, list) else [value]:
            lines.append(f"{key}={str(one).lower() if isinstance(one, bool) else one}")
    return lines


def main():
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    pip = configparser.ConfigParser()
    pip["global"] = pip_settings(folder)
    with open(folder / "pip.conf", "w", encoding="utf-8") as out:
        pip.write(out)
    npm = npm_settings(folder) if shutil.which("npm") else []
    (folder / "npmrc").write_text("".join(line + "\n" for line in npm), encoding="utf-8")


main()

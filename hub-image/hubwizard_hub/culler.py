"""Idle culling: jupyterhub-idle-culler as a hub service, so that forgotten servers stop (and stop billing).

The culler asks the hub's API which servers have been idle longer than the timeout and stops them. Under
JupyterHub 5 a service may only do what its role's scopes allow: listing users, reading their activity
and servers, and stopping (deleting) servers -- not deleting users.
"""
import re
import sys

SERVICE = "idle-culler"
SCOPES = ["list:users", "read:users:activity", "read:servers", "delete:servers"]
DEFAULT_TIMEOUT = 3600
_DURATION = re.compile(r"(\d+)\s*([smh]?)", re.ASCII)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600}


def parse_timeout(name, text):
    """``3600``, ``90m`` or ``1h`` -> seconds; 0 turns culling off."""
    match = _DURATION.fullmatch(text.strip().lower())
    if not match:
        raise ValueError(f"{name}={text!r} is not a duration: seconds, or a number with m or h (90m, 1h); 0 for never")
    return int(match.group(1)) * _UNIT[match.group(2)]


def configure_idle_culler(c, timeout, python=sys.executable):
    """Adds the culler service and its role; the lists of other services and roles are kept.

    :param timeout: seconds a server may be idle; 0 adds nothing
    """
    if timeout <= 0:
        return
    # Look every few minutes, so that a server stops at most that long after its timeout.
    every = max(60, min(300, timeout // 2))
    c.JupyterHub.services.append({
        "name": SERVICE,
        "command": [python, "-m", "jupyterhub_idle_culler", f"--timeout={timeout}", f"--cull-every={every}"],
    })
    c.JupyterHub.load_roles.append({
        "name": "idle-culler",
        "description": "Stops servers idle longer than the timeout",
        "scopes": list(SCOPES),
        "services": [SERVICE],
    })

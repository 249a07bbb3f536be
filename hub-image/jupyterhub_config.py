"""Hub Wizard's JupyterHub configuration: the package hubwizard_hub (installed into the image) does it
all, from the files beside this one (admin, allowed_users) and the environment (see README.md)."""
import os
from pathlib import Path

from hubwizard_hub.config import configure

configure(get_config(), os.environ, Path(__file__).resolve().parent)  # noqa: F821 -- JupyterHub provides get_config()

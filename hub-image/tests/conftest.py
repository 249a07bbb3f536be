"""Shared fixtures: a folder like the image's /srv/jupyterhub, and JupyterHub's config object."""
import pytest
from traitlets.config import Config


@pytest.fixture
def hub_folder(tmp_path):
    """Where jupyterhub_config.py, admin and allowed_users are; the state goes to a folder inside."""
    (tmp_path / "admin").write_text("", encoding="utf-8")
    (tmp_path / "allowed_users").write_text("", encoding="utf-8")
    return tmp_path


@pytest.fixture
def environment(hub_folder):
    """Only what a test sets, and never the real state folder."""
    return {"HUB_STATE_DIR": str(hub_folder / "state")}


@pytest.fixture
def config():
    return Config()

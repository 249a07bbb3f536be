"""Hub Wizard's configuration of JupyterHub, installed into the hub image as a package.

``jupyterhub_config.py`` calls :func:`hubwizard_hub.config.configure`; everything it decides comes from
the files beside the config (``admin``, ``allowed_users``) and from the environment (see README.md).
"""

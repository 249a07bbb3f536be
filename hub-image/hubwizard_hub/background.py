"""Work the hub starts in the background as it starts: on its event loop, only inside a starting hub.

JupyterHub loads its config file on its running event loop, so the config can start tasks there (the sweep of
leftover Fargate tasks, the publication of the hub's private name). Elsewhere (a test of the config,
``jupyterhub --generate-config`` and the other subcommands) nothing starts.
"""
import asyncio

# The loop keeps only a weak reference to a task: these keep the running ones.
_RUNNING = set()


def in_starting_hub(make_coroutine):
    """Runs ``make_coroutine(app)`` (app: the starting JupyterHub) as a task on the hub's event loop, when this
    runs inside a starting hub. The task, or None."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    from jupyterhub.app import JupyterHub

    if not JupyterHub.initialized():
        return None
    app = JupyterHub.instance()
    if app.subapp or app.generate_config or app.generate_certs:
        return None
    task = loop.create_task(make_coroutine(app))
    _RUNNING.add(task)
    task.add_done_callback(_RUNNING.discard)
    return task

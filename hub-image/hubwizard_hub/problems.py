"""Problems the person starting a server sees: JupyterHub shows an exception's ``jupyterhub_message`` on its
spawn and error pages (otherwise only "Unhandled error starting server")."""


class SpawnProblem(Exception):
    @property
    def jupyterhub_message(self):
        return str(self)

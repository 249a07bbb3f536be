"""The Unix accounts the hub creates, one per user, for the servers it starts (LocalProcessSpawner).

JupyterHub's default creates them with ``adduser``, which the official image has only because another
package (gnupg) happens to pull it in. ``useradd`` comes with every Debian and Ubuntu system (the
``passwd`` package is essential), so the hub uses it, with the settings ``adduser`` would have chosen.
"""

# JupyterHub appends "--uid N" (when the uid is pinned) and the name; useradd takes both as they are.
# --create-home: the home is made unless it exists already (kept on EFS): then it is left as it is.
# HOME_MODE 0700: nobody reads another person's files (adduser's DIR_MODE; useradd's default is 0755).
# /bin/bash: the shell of the notebook's terminals (adduser's default; useradd's is /bin/sh).
ADD_USER_CMD = ["useradd", "--create-home", "--key", "HOME_MODE=0700", "--shell", "/bin/bash"]

# moto: the AWS APIs for the AWS integration tests. Each test JVM starts and stops its own
# moto_server on a free loopback port (src/test/java/dev/hubwizard/testbed/MotoServer.java), so this
# block only makes sure the command exists. It lives in a virtualenv in the user's cache (kept between
# runs, like the base image): Debian's Python refuses system-wide pip installs.
MOTO_VERSION="5.2.1"
if ! command -v moto_server >/dev/null 2>&1; then
  moto_venv="${XDG_CACHE_HOME:-$HOME/.cache}/hubwizard/moto-$MOTO_VERSION"
  if [ ! -x "$moto_venv/bin/moto_server" ]; then
    need_packages python3-venv
    log "installing moto[server]==$MOTO_VERSION from PyPI into $moto_venv"
    python3 -m venv "$moto_venv"
    "$moto_venv/bin/pip" install -q "moto[server]==$MOTO_VERSION"
  fi
  export PATH="$moto_venv/bin:$PATH"
fi
log "moto: $(command -v moto_server)"

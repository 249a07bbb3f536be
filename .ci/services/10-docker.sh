# Docker Engine: the integration tests build, run and push the hub image with it.
# Started without its bridge (no 172.17.0.0/16 network) and without touching iptables: containers
# use host networking, so all their traffic stays on loopback.
need_packages_without_starting docker.io

# Stopped through its pid file: `as_root ... &` backgrounds a subshell, so $! is not dockerd's pid.
stop_dockerd() {
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 0
  log "stopping the Docker Engine this run started"
  as_root kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    as_root kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  log "dockerd did not stop within 30 s: killing it"
  as_root kill -KILL "$pid" 2>/dev/null || true
}

if docker info >/dev/null 2>&1; then
  log "Docker Engine answers: using it"
else
  DOCKERD_LOG=$(mktemp -t hubwizard-dockerd.XXXXXX.log)
  DOCKERD_PID=/var/run/hubwizard-dockerd.pid
  log "starting dockerd --bridge=none (log: $DOCKERD_LOG)"
  as_root dockerd --bridge=none --iptables=false --ip6tables=false --pidfile "$DOCKERD_PID" >"$DOCKERD_LOG" 2>&1 &
  on_exit "stop_dockerd $DOCKERD_PID"
  wait_for "docker info" 60 || { tail -20 "$DOCKERD_LOG" >&2; exit 1; }
fi

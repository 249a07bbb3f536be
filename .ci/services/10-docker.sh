# Docker Engine: the integration tests build, run and push the hub image with it.
# Started without its bridge (no 172.17.0.0/16 network) and without touching iptables: containers
# use host networking, so all their traffic stays on loopback.
need_packages_without_starting docker.io

stop_dockerd() {
  log "stopping the Docker Engine this run started"
  as_root kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

if docker info >/dev/null 2>&1; then
  log "Docker Engine answers: using it"
else
  DOCKERD_LOG=$(mktemp -t hubwizard-dockerd.XXXXXX.log)
  log "starting dockerd --bridge=none (log: $DOCKERD_LOG)"
  as_root dockerd --bridge=none --iptables=false --ip6tables=false >"$DOCKERD_LOG" 2>&1 &
  on_exit "stop_dockerd $!"
  wait_for "docker info" 60 || { tail -20 "$DOCKERD_LOG" >&2; exit 1; }
fi

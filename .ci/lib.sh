# Helpers shared by .ci/run and the service blocks in .ci/services/.

log() { printf '[ci %(%H:%M:%S)T] %s\n' -1 "$*"; }

# Commands to run when .ci/run exits, last registered first: each service stops what it started.
CI_CLEANUP=()
on_exit() { CI_CLEANUP=("$1" "${CI_CLEANUP[@]}"); }
run_cleanup() {
  local rc=$?
  for cmd in "${CI_CLEANUP[@]}"; do eval "$cmd" || true; done
  exit $rc
}
trap run_cleanup EXIT

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

# Installs Debian packages that are missing; `apt-get update` only when something is.
need_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Debian mirror this machine's apt uses, read at run time (never written into the repository).
debian_mirror() {
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1)
  [ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -v security | awk '{print $2}' | head -1)
  [ -n "$uri" ] || { echo "no Debian mirror found in /etc/apt sources" >&2; return 1; }
  echo "$uri"
}

# Waits up to $2 seconds for command $1 to succeed.
wait_for() {
  local what=$1 seconds=$2
  for _ in $(seq 1 $((seconds * 5))); do eval "$what" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "timed out after ${seconds}s waiting for: $what" >&2
  return 1
}

# Like need_packages, for packages whose install would start a system service (dockerd with its
# default bridge network, a registry on *:5000): a policy-rc.d that answers "no" keeps the service
# down while apt installs it. The tests start their own instances, on loopback.
need_packages_without_starting() {
  local policy=/usr/sbin/policy-rc.d created="" rc=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    created=yes
  fi
  need_packages "$@" || rc=$?
  if [ -n "$created" ]; then as_root rm -f "$policy"; fi
  return $rc
}

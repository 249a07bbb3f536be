# The hub image tests' base image, standing in for quay.io/jupyterhub/jupyterhub: Debian bookworm
# (debootstrap minbase from this machine's mirror) with Debian's JupyterHub 3.0,
# configurable-http-proxy and notebook, plus the authenticators hub-image/requirements.txt pins,
# downloaded from PyPI here on the host. Building hub-image/ on it then needs no network.
# Built once and kept in the Engine's image store (a cache: not removed on exit). The tag lives in
# .ci/hub-base-image/tag, where the tests read it too: bump it whenever the recipe changes.
HUB_BASE_IMAGE=$(tr -d '[:space:]' < .ci/hub-base-image/tag)
HUB_ROOTFS_IMAGE="hubwizard-test/bookworm-minbase:${HUB_BASE_IMAGE##*:}"

build_hub_base_image() {
  local work started=$SECONDS
  need_packages debootstrap python3-pip
  work=$(mktemp -d -t hubwizard-base.XXXXXX)
  on_exit "as_root rm -rf '$work'"

  if ! docker image inspect "$HUB_ROOTFS_IMAGE" >/dev/null 2>&1; then
    log "debootstrap bookworm (minbase) for $HUB_ROOTFS_IMAGE"
    as_root debootstrap --variant=minbase bookworm "$work/rootfs" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 \
      || { tail -20 "$work/debootstrap.log" >&2; return 1; }
    as_root tar -C "$work/rootfs" -c . | docker import - "$HUB_ROOTFS_IMAGE" >/dev/null
    as_root rm -rf "$work/rootfs"
  fi

  mkdir -p "$work/context"
  cp .ci/hub-base-image/Dockerfile "$work/context/"
  grep -E '^(oauthenticator|jupyterhub-firstuseauthenticator)==' hub-image/requirements.txt \
    > "$work/context/requirements-pypi.txt"
  log "downloading $(tr '\n' ' ' < "$work/context/requirements-pypi.txt")from PyPI"
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$work/context/wheels" \
    -r "$work/context/requirements-pypi.txt"

  log "building $HUB_BASE_IMAGE (apt-get inside, host networking)"
  docker build --network host --build-arg "ROOTFS=$HUB_ROOTFS_IMAGE" -t "$HUB_BASE_IMAGE" "$work/context" \
    >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; return 1; }
  log "built $HUB_BASE_IMAGE in $((SECONDS - started)) s"
}

if docker image inspect "$HUB_BASE_IMAGE" >/dev/null 2>&1; then
  log "hub base image $HUB_BASE_IMAGE present: reusing it"
else
  build_hub_base_image
fi

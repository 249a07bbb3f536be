# The hub image tests' base images: stand-ins for quay.io/jupyterhub/jupyterhub at each JupyterHub
# version the tests prove the hub image on (one requirements-VERSION.txt each in .ci/hub-base-image/),
# tagged with exactly the official name so that hub-image/Dockerfile builds on them unchanged. The
# recipe (.ci/hub-base-image/Dockerfile) says where it follows the official one and where it differs.
# Built on a debootstrapped bookworm root file system from this machine's mirror; pip and npm inside the
# build reach their registries through this machine's own configuration, copied into the build context
# here and never committed. Built once and kept in the Engine's image store (a cache: not removed on
# exit); rebuilt when the recipe, or what hub-image/ installs on top, changes (the image's recipe label).
HUB_RECIPE_DIR=.ci/hub-base-image
HUB_OFFICIAL_IMAGE=quay.io/jupyterhub/jupyterhub
# debootstrap --variant=minbase bookworm: change the tag when the command below changes.
HUB_ROOTFS_IMAGE=hubwizard-test/bookworm-minbase:2

# What the wheels in the stand-in must cover: hub-image/'s pins and its package's build backend.
hub_image_requirements() {
  cat hub-image/requirements.txt
  python3 -c 'import tomllib, sys; print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["build-system"]["requires"]))' \
    hub-image/pyproject.toml
}

# The recipe's hash: every file the image is made from, and what hub-image/ installs on top.
hub_recipe_hash() {
  local version=$1
  { cat "$HUB_RECIPE_DIR/Dockerfile" "$HUB_RECIPE_DIR/pip.conf" "$HUB_RECIPE_DIR/requirements-$version.txt" \
        "$HUB_RECIPE_DIR"/proxy/*
    hub_image_requirements
    echo "$HUB_ROOTFS_IMAGE"
  } | sha256sum | cut -c1-16
}

hub_rootfs_image() {
  docker image inspect "$HUB_ROOTFS_IMAGE" >/dev/null 2>&1 && return 0
  local work=$1 started=$SECONDS
  need_packages debootstrap
  log "debootstrap bookworm (minbase) for $HUB_ROOTFS_IMAGE"
  as_root debootstrap --variant=minbase bookworm "$work/rootfs" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; return 1; }
  as_root tar -C "$work/rootfs" -c . | docker import - "$HUB_ROOTFS_IMAGE" >/dev/null
  as_root rm -rf "$work/rootfs"
  log "made $HUB_ROOTFS_IMAGE in $((SECONDS - started)) s"
}

build_hub_base_image() {
  local version=$1 recipe=$2 work started=$SECONDS
  # pip on the host reads out the machine's pip configuration (registry-config.py).
  need_packages python3-pip
  work=$(mktemp -d -t hubwizard-base.XXXXXX)
  on_exit "as_root rm -rf '$work'"
  hub_rootfs_image "$work"

  mkdir -p "$work/context"
  cp -r "$HUB_RECIPE_DIR/Dockerfile" "$HUB_RECIPE_DIR/pip.conf" "$HUB_RECIPE_DIR/requirements-$version.txt" \
    "$HUB_RECIPE_DIR/proxy" "$work/context/"
  hub_image_requirements > "$work/context/hub-requirements.txt"
  python3 "$HUB_RECIPE_DIR/registry-config.py" "$work/context/registry"

  log "building the stand-in $HUB_OFFICIAL_IMAGE:$version (recipe $recipe; apt, PyPI and npm inside, host networking)"
  local previous
  previous=$(docker image inspect --format '{{.Id}}' "$HUB_OFFICIAL_IMAGE:$version" 2>/dev/null || true)
  docker build --force-rm --network host --build-arg "ROOTFS=$HUB_ROOTFS_IMAGE" \
    --build-arg "JUPYTERHUB_VERSION=$version" \
    --build-arg "RECIPE=$recipe" -t "$HUB_OFFICIAL_IMAGE:$version" "$work/context" \
    >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; return 1; }
  log "built $HUB_OFFICIAL_IMAGE:$version in $((SECONDS - started)) s"
  # The stand-in of an older recipe, now untagged, unless a container still uses it.
  if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect --format '{{.Id}}' "$HUB_OFFICIAL_IMAGE:$version")" ]; then
    docker image rm "$previous" >/dev/null 2>&1 || true
  fi
}

for hub_requirements in "$HUB_RECIPE_DIR"/requirements-*.txt; do
  hub_version=$(basename "$hub_requirements" .txt)
  hub_version=${hub_version#requirements-}
  hub_recipe=$(hub_recipe_hash "$hub_version")
  hub_built=$(docker image inspect --format '{{ index .Config.Labels "dev.hubwizard.test-base.recipe" }}' \
    "$HUB_OFFICIAL_IMAGE:$hub_version" 2>/dev/null || true)
  if [ "$hub_built" = "$hub_recipe" ]; then
    log "stand-in $HUB_OFFICIAL_IMAGE:$hub_version (recipe $hub_recipe) present: reusing it"
  else
    build_hub_base_image "$hub_version" "$hub_recipe"
  fi
done

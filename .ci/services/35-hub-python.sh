# The hub image's Python package (hub-image/hubwizard_hub) is tested with pytest (hub-image/tests),
# which HubPackageTest runs as part of `mvn verify`. This block makes the virtual environment it uses:
# in the user's cache (kept between runs, like the base images), at the path HubPackageTest looks in,
# remade when the pins change. The constraints are the 5.5.0 base's and the image's own pins.
HUB_PYTHON_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/hubwizard/hub-image-tests"
hub_python_pins=$(cat hub-image/tests/requirements.txt .ci/hub-base-image/requirements-5.5.0.txt \
  hub-image/requirements.txt | sha256sum | cut -c1-16)
if [ "$(cat "$HUB_PYTHON_VENV/.pins" 2>/dev/null)" = "$hub_python_pins" ]; then
  log "hub package tests' Python (pins $hub_python_pins) present: $HUB_PYTHON_VENV"
else
  need_packages python3-venv
  log "installing the hub package tests' Python (pins $hub_python_pins) into $HUB_PYTHON_VENV"
  rm -rf "$HUB_PYTHON_VENV"
  python3 -m venv "$HUB_PYTHON_VENV"
  "$HUB_PYTHON_VENV/bin/pip" install -q --disable-pip-version-check -r hub-image/tests/requirements.txt \
    -c .ci/hub-base-image/requirements-5.5.0.txt -c hub-image/requirements.txt
  echo "$hub_python_pins" > "$HUB_PYTHON_VENV/.pins"
fi

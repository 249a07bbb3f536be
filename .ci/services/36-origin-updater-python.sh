# The Lambda function that keeps a hub's CloudFront origin on its task (origin-updater/) is tested with
# pytest and moto (origin-updater/tests), which OriginUpdaterPackageTest runs as part of `mvn verify`;
# the deploy tests also run the function itself, with boto3, where AWS would run it. This block makes the
# virtual environment both use: in the user's cache (kept between runs), at the path the tests look in,
# remade when the pins change.
ORIGIN_UPDATER_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/hubwizard/origin-updater-tests"
origin_updater_pins=$(sha256sum < origin-updater/tests/requirements.txt | cut -c1-16)
if [ "$(cat "$ORIGIN_UPDATER_VENV/.pins" 2>/dev/null)" = "$origin_updater_pins" ]; then
  log "origin updater tests' Python (pins $origin_updater_pins) present: $ORIGIN_UPDATER_VENV"
else
  need_packages python3-venv
  log "installing the origin updater tests' Python (pins $origin_updater_pins) into $ORIGIN_UPDATER_VENV"
  rm -rf "$ORIGIN_UPDATER_VENV"
  python3 -m venv "$ORIGIN_UPDATER_VENV"
  "$ORIGIN_UPDATER_VENV/bin/pip" install -q --disable-pip-version-check -r origin-updater/tests/requirements.txt
  echo "$origin_updater_pins" > "$ORIGIN_UPDATER_VENV/.pins"
fi

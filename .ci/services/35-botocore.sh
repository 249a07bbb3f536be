# botocore/boto3: the AWS SDK for Python, a second, independent reader and writer of the AWS files the
# sign-in tests write (src/test/java/dev/hubwizard/testbed/Botocore.java runs it). Pinned, in a virtualenv
# in the user's cache (kept between runs, like moto's); nothing to start or stop.
BOTOCORE_VERSION="1.43.11"
botocore_venv="${XDG_CACHE_HOME:-$HOME/.cache}/hubwizard/botocore-$BOTOCORE_VERSION"
if [ ! -x "$botocore_venv/bin/python" ] || ! "$botocore_venv/bin/python" -c "import boto3, botocore" 2>/dev/null; then
  need_packages python3-venv
  log "installing botocore==$BOTOCORE_VERSION and boto3==$BOTOCORE_VERSION from PyPI into $botocore_venv"
  python3 -m venv "$botocore_venv"
  "$botocore_venv/bin/pip" install -q "botocore==$BOTOCORE_VERSION" "boto3==$BOTOCORE_VERSION"
fi
log "botocore: $("$botocore_venv/bin/python" -c 'import botocore; print(botocore.__version__)')"

# The stand-in for Amazon ECR's registry: the push tests start Debian's docker-registry themselves
# (testbed.LocalRegistry: a free 127.0.0.1 port, htpasswd basic auth made with apache2-utils), so
# this only installs them and keeps the package's own service (on *:5000) from starting.
need_packages_without_starting docker-registry apache2-utils

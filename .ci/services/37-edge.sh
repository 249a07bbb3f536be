# CloudFront's edge in the tests (CloudFrontEdge): Debian's nginx as a TLS reverse proxy on loopback, with
# certificates from a test CA that openssl makes; Node.js runs the CloudFront function (ViewerFunctionsTest). Installed without starting Debian's own nginx (which
# would listen on *:80); each test starts its own, on free loopback ports, and stops it.
need_packages_without_starting nginx openssl nodejs
log "edge stand-in: $(/usr/sbin/nginx -v 2>&1), $(openssl version), node $(node --version)"

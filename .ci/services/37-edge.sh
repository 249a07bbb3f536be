# CloudFront's edge in the tests (CloudFrontEdge): Debian's nginx as a TLS reverse proxy on loopback, with
# certificates from a test CA that openssl makes, and nginx's njs module running the CloudFront function the app
# published (viewer requests); Node.js runs the function in ViewerFunctionsTest. Installed without starting
# Debian's own nginx (which would listen on *:80); each test starts its own, on free loopback ports, and stops it.
need_packages_without_starting nginx libnginx-mod-http-js openssl nodejs
log "edge stand-in: $(/usr/sbin/nginx -v 2>&1), $(openssl version), node $(node --version)"

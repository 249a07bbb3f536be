# Installers (packaging/, docs/install.md): not a service, but what `mvn -Pinstaller verify` needs to
# build the .deb and what InstalledPackageIT needs to install it for real and look at its window.
#   fakeroot          jpackage builds the .deb with `fakeroot dpkg-deb`
#   binutils          jlink --strip-debug strips native symbols with objcopy
#   xvfb x11-utils imagemagick   the wizard's window: a private X display, xwininfo, import
#   the rest          the .deb's Depends (what the bundled runtime's and JavaFX's native libraries
#                     load), so that `dpkg -i` finds them installed and never needs the network
need_packages fakeroot binutils xvfb x11-utils imagemagick \
  libgtk-3-0 libasound2 libfreetype6 libgif7 libjpeg62-turbo liblcms2-2 libpng16-16 libx11-6 libxext6 \
  libxi6 libxrender1 libxtst6 xdg-utils

# InstalledPackageIT purges the package it installs. Should the run die in between, purge it when
# .ci/run exits, unless it was on the machine before this run began.
hubwizard_installed() { dpkg-query -W -f='${Status}' hubwizard 2>/dev/null | grep -q 'install'; }
if ! hubwizard_installed; then
  on_exit 'if hubwizard_installed; then log "purging the hubwizard package a test left installed"; as_root dpkg --purge hubwizard >/dev/null; fi'
fi

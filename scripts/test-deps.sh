#!/usr/bin/env bash
# Installs what the tests need from Debian's packages, only what is missing:
# Chromium (end-to-end tests), fonts, a compiler for better-sqlite3, and the real
# WordPress the sync tests run against (wordpress, php-cli, php-mysql, php-xml, php-mbstring, mariadb-server),
# ExifTool and heif-convert for the photo-metadata tests.
# The tests start MariaDB and WordPress themselves, on loopback only.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
[ -f /usr/share/wordpress/wp-load.php ] || need+=(wordpress)
command -v php >/dev/null 2>&1 || need+=(php-cli)
php -m 2>/dev/null | grep -qi mysqli || need+=(php-mysql)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
# XML-RPC (the plugin's tests try that door too) answers a parse error without php-xml.
php -m 2>/dev/null | grep -qx xml || need+=(php-xml)
php -m 2>/dev/null | grep -qx mbstring || need+=(php-mbstring)
# WordPress 7.0 (read from ../shared/wordpress-core) wants these too.
php -m 2>/dev/null | grep -qx curl || need+=(php-curl)
php -m 2>/dev/null | grep -qx intl || need+=(php-intl)
php -m 2>/dev/null | grep -qx zip || need+=(php-zip)
# Independent readers for the photo tests: ExifTool (what metadata is left) and libheif's
# heif-convert (HEIC decoded the same way before and after stripping).
command -v exiftool >/dev/null 2>&1 || need+=(libimage-exiftool-perl)
command -v heif-convert >/dev/null 2>&1 || need+=(libheif-examples)

if [ ${#need[@]} -gt 0 ]; then
  echo "[test-deps] installing ${need[*]}"
  $SUDO apt-get update -qq
  # Debian's package scripts try to start MariaDB; without an init system that is refused, harmlessly.
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

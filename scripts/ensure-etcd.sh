#!/usr/bin/env bash
# The etcd storage backend is tested against a real etcd; install Debian's etcd-server when absent.
set -euo pipefail
if command -v etcd >/dev/null 2>&1; then exit 0; fi
echo "etcd not found: installing Debian's etcd-server" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq etcd-server >/dev/null
command -v etcd >/dev/null

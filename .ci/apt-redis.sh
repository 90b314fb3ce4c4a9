#!/usr/bin/env bash
# Installs redis-server and redis-cli where they are missing: the cache tests start their own
# servers and a three-master cluster on free loopback ports.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends redis-server redis-tools >/dev/null
# Where the package starts a system redis on 6379 the tests leave it alone: they use their own ports.
command -v redis-server >/dev/null && command -v redis-cli >/dev/null

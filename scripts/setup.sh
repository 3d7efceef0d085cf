#!/usr/bin/env bash
# Installs everything precis needs on a fresh machine (idempotent, quick when already done).
#   bash scripts/setup.sh          # the tool: Apertium (offline translation) + precis
#   bash scripts/setup.sh --dev    # also the test kit, ruff and the optional extras (ct2, ray)
set -euo pipefail
cd "$(dirname "$0")/.."

APERTIUM_PACKAGES=(apertium apertium-fr-es apertium-eng-spa)
have_apertium() {
    command -v apertium >/dev/null 2>&1 && apertium -l 2>/dev/null | grep -qx "fr-es" \
        && apertium -l 2>/dev/null | grep -qx "spa-eng"
}
if ! have_apertium; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing ${APERTIUM_PACKAGES[*]} (offline French->English)" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${APERTIUM_PACKAGES[@]}" >/dev/null
    else
        echo "setup: Apertium is missing; run as root: apt-get install -y ${APERTIUM_PACKAGES[*]}" >&2
        echo "setup: (precis still works with a transformers model: --backend transformers)" >&2
    fi
fi

PY=${PYTHON:-python3}
# torch is pinned to the CPU build on the machines' disk (an unpinned torch pulls CUDA).
if [ "${1:-}" = "--dev" ]; then
    "$PY" -m pip install -q -e ".[dev,ct2,ray]"
else
    "$PY" -m pip install -q -e .
fi

#!/usr/bin/env bash
# Installs everything precis needs on a fresh machine (idempotent, quick when already done).
#   bash scripts/setup.sh          # the tool: Apertium (offline translation) + precis
#   bash scripts/setup.sh --dev    # also the test kit, ruff and the optional extras (ct2, ray)
set -euo pipefail
cd "$(dirname "$0")/.."

# The default chain fr-ca-es-en (translate/apertium_chains.py; tests check the two agree), plus
# fr-es: today's fr-es-en chain and a second pair to look words up in.
APERTIUM_PACKAGES=(apertium apertium-fra-cat apertium-spa-cat apertium-eng-spa apertium-fr-es)
APERTIUM_MODES=(fra-cat cat-spa spa-eng fr-es)
have_apertium() {
    command -v apertium >/dev/null 2>&1 || return 1
    local modes mode
    modes=$(apertium -l 2>/dev/null)
    for mode in "${APERTIUM_MODES[@]}"; do
        grep -qx "[[:space:]]*$mode" <<<"$modes" || return 1
    done
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

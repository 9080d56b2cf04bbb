# Sourced by .ci/run and .ci/demo: makes .venv for this checkout with the machine's python3 and sets PY to
# its interpreter. A virtual environment, because Debian's and Ubuntu's python3 refuse `pip install`
# outside one (PEP 668, "externally-managed-environment"); CI, as root, uses the same one.
VENV="${KBGEN_VENV:-$PWD/.venv}"
if ! command -v python3 >/dev/null 2>&1; then
  echo "error: python3 (3.11 or newer) is needed: apt-get install python3 python3-venv" >&2
  exit 1
fi
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: kbgen needs Python 3.11 or newer; python3 is $(python3 -V 2>&1)" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    # Debian/Ubuntu without python3-venv have no ensurepip: a venv without pip, filled by python3's own pip.
    rm -rf "$VENV"
    python3 -m venv --without-pip "$VENV"
  fi
fi
PY="$VENV/bin/python"
if "$PY" -m pip --version >/dev/null 2>&1; then
  PIP=("$PY" -m pip)
elif python3 -m pip --version >/dev/null 2>&1; then
  PIP=(python3 -m pip --python "$PY")
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv python3-pip >/dev/null
  rm -rf "$VENV" && python3 -m venv "$VENV" && PIP=("$PY" -m pip)
else
  echo "error: no pip for python3: sudo apt-get install python3-venv python3-pip, then run this again" >&2
  exit 1
fi
export PATH="$VENV/bin:$PATH"

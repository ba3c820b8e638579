#!/usr/bin/env bash
# Finds the system libraries Qt needs that this machine lacks, by asking the
# dynamic linker about Qt's own platform plugin, and installs them with apt
# when run as root (otherwise prints the exact apt command and fails).
# Usage: installer/qt-system-deps.sh PYTHON offscreen|xcb
set -euo pipefail
py=$1; mode=${2:-offscreen}
qt=$("$py" -c 'import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))')
targets=("$qt/plugins/platforms/libqoffscreen.so" "$qt/lib/libQt6Widgets.so.6")
[ "$mode" = xcb ] && targets+=("$qt/plugins/platforms/libqxcb.so")

declare -A pkg=(
  [libGL.so.1]=libgl1 [libEGL.so.1]=libegl1 [libOpenGL.so.0]=libopengl0
  [libGLX.so.0]=libglx0 [libxkbcommon.so.0]=libxkbcommon0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libfontconfig.so.1]=libfontconfig1
  [libfreetype.so.6]=libfreetype6 [libdbus-1.so.3]=libdbus-1-3
  [libglib-2.0.so.0]=libglib2.0-0 [libgthread-2.0.so.0]=libglib2.0-0
  [libX11.so.6]=libx11-6 [libX11-xcb.so.1]=libx11-xcb1 [libxcb.so.1]=libxcb1
  [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-image.so.0]=libxcb-image0 [libxcb-render-util.so.0]=libxcb-render-util0
  [libxcb-cursor.so.0]=libxcb-cursor0 [libxcb-xinerama.so.0]=libxcb-xinerama0
  [libxcb-randr.so.0]=libxcb-randr0 [libxcb-shape.so.0]=libxcb-shape0
  [libxcb-xfixes.so.0]=libxcb-xfixes0 [libxcb-xkb.so.1]=libxcb-xkb1
  [libxcb-sync.so.1]=libxcb-sync1 [libxcb-render.so.0]=libxcb-render0
  [libxcb-shm.so.0]=libxcb-shm0 [libxcb-util.so.1]=libxcb-util1
  [libxcb-xinput.so.0]=libxcb-xinput0 [libxcb-glx.so.0]=libxcb-glx0
  [libSM.so.6]=libsm6 [libICE.so.6]=libice6
)
missing=$(for t in "${targets[@]}"; do ldd "$t" 2>/dev/null | awk '/not found/ {print $1}'; done | sort -u)
[ -z "$missing" ] && exit 0
need=()
for so in $missing; do
  if [ -n "${pkg[$so]:-}" ]; then need+=("${pkg[$so]}"); else echo "Qt needs $so (no known Debian package)" >&2; fi
done
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
[ "$mode" = xcb ] && need+=(libxcb-cursor0)
cmd="apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Qt's system libraries: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $cmd >/dev/null
else
  echo "Qt needs system libraries that are missing. Run:" >&2
  echo "  sudo apt-get update && sudo $cmd" >&2
  exit 1
fi

#!/bin/sh
# Install the Pizhu Linux build for the current user (no root needed):
#   ./install.sh              copy to ~/.local/lib/pizhu, link ~/.local/bin/pizhu, add to the menu
#   ./install.sh --uninstall  remove all of that (your library in ~/.local/share/pizhu stays)
# PREFIX=/opt/pizhu BINDIR=/usr/local/bin ./install.sh installs elsewhere (then run as root).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-"$HOME/.local/lib/pizhu"}
BINDIR=${BINDIR:-"$HOME/.local/bin"}

if [ "${1:-}" = "--uninstall" ]; then
  if [ -x "$PREFIX/pizhu" ]; then "$PREFIX/pizhu" install-desktop --uninstall; fi
  rm -f "$BINDIR/pizhu"
  rm -rf "$PREFIX"
  echo "Pizhu removed (the library in ${XDG_DATA_HOME:-$HOME/.local/share}/pizhu is kept)"
  exit 0
fi

[ -x "$here/pizhu/pizhu" ] || { echo "install.sh: $here/pizhu/pizhu not found" >&2; exit 1; }
mkdir -p "$(dirname "$PREFIX")" "$BINDIR"
rm -rf "$PREFIX.new"
cp -R "$here/pizhu" "$PREFIX.new"
rm -rf "$PREFIX"
mv "$PREFIX.new" "$PREFIX"
ln -sf "$PREFIX/pizhu" "$BINDIR/pizhu"
"$PREFIX/pizhu" install-desktop --exec "$PREFIX/pizhu"
echo "Pizhu installed in $PREFIX; start it from the menu or with: $BINDIR/pizhu"

#!/usr/bin/env bash
# Takes the README's screenshots under a virtual X server: the Plugins > DLRadiomics menu and the
# dialogs of the commands. Needs xvfb, xdotool and imagemagick:
#   apt-get install -y xvfb xdotool imagemagick
# Usage: docs/screenshots.sh [OUTDIR]   (default docs/img). Look at every PNG it writes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/docs/img}"
mkdir -p "$OUT"
for t in Xvfb xdotool import; do command -v $t >/dev/null || { echo "needs $t (apt-get install -y xvfb xdotool imagemagick)"; exit 2; }; done

DISP=:$((90 + RANDOM % 100))
Xvfb "$DISP" -screen 0 1280x800x24 >/dev/null 2>&1 &
XPID=$!
export DISPLAY=$DISP
cleanup() { kill "${FPID:-}" 2>/dev/null || true; kill "$XPID" 2>/dev/null || true; }
trap cleanup EXIT
sleep 1

CT="$ROOT/../shared/imaging/totalsegmentator_ct/ct.nii.gz"
IMGS=()
[ -f "$CT" ] && IMGS+=("$CT")
"$ROOT/dlrad" fiji "${IMGS[@]}" >/dev/null 2>&1 &
FPID=$!
WIN=$(xdotool search --sync --name '^ImageJ$' | head -n1)
sleep 2
xdotool windowmove "$WIN" 10 10
sleep 1

shot() { # shot NAME WIDTHxHEIGHT+X+Y
  import -window root -crop "$2" +repage "$OUT/$1.png"
  echo "wrote $OUT/$1.png"
}

# Plugins > DLRadiomics: Plugins sits at x~330 of the ImageJ menu bar, DLRadiomics is its last entry.
xdotool mousemove 330 22 click 1
sleep 1
xdotool mousemove 360 166 click 1
sleep 1
shot menu 680x330+0+0
xdotool key Escape; sleep 0.3; xdotool key Escape; sleep 0.5

# The Teaching Cohort dialog, through the menu as a user opens it.
xdotool mousemove 330 22 click 1; sleep 0.7
xdotool mousemove 360 166 click 1; sleep 0.7
# Items of Plugins > DLRadiomics (y): Open Volume 168, Save 187, Info 206, Radiomics Features 234,
# Batch Radiomics 253, Teaching Cohort 281.
xdotool mousemove 580 281 click 1; sleep 2
DLG=$(xdotool search --sync --name 'DLRadiomics Teaching Cohort' | head -n1)
eval "$(xdotool getwindowgeometry --shell "$DLG")"
import -window "$DLG" +repage "$OUT/dialog-cohort.png"
echo "wrote $OUT/dialog-cohort.png"
# Escape does not reach an AWT dialog reliably: click its Cancel button (bottom right, left of OK).
xdotool mousemove $((X + WIDTH - 95)) $((Y + HEIGHT - 22)) click 1
sleep 1

# The Radiomics Features dialog on the CT (it needs an image; the mask choice lists the open images).
if [ -f "$CT" ]; then
  xdotool mousemove 330 22 click 1; sleep 0.7
  xdotool mousemove 360 166 click 1; sleep 0.7
  xdotool mousemove 580 234 click 1; sleep 2
  DLG=$(xdotool search --sync --name 'DLRadiomics Radiomics Features' | head -n1)
  import -window "$DLG" +repage "$OUT/dialog-radiomics.png"
  echo "wrote $OUT/dialog-radiomics.png"
  xdotool windowactivate "$DLG" key Escape 2>/dev/null || true
fi

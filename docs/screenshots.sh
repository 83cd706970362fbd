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
shot menu 680x530+0+0
xdotool key Escape; sleep 0.3; xdotool key Escape; sleep 0.5

kill "$FPID" 2>/dev/null || true
sleep 1

# Every dialog, opened from a macro with no options (so ImageJ shows it); --dialog-grace keeps the
# watchdog from stopping the run while the screenshot is taken. Nothing depends on menu coordinates.
LAB="$ROOT/../shared/imaging/totalsegmentator_ct/vertebrae_labels.nii.gz"
TMP=$(mktemp -d)
dialog() { # dialog FILE-NAME "Menu label" [macro lines to run before]; the dialog title is "DLRadiomics <label>"
  local name=$1 menu=$2 pre=${3:-}
  local cmd=${menu%...}
  cmd=${cmd% (*} # "Deep Features (2.5D)" has the dialog "DLRadiomics Deep Features"
  printf '%s\nrun("%s");\n' "$pre" "$menu" > "$TMP/d.ijm"
  "$ROOT/dlrad" macro --dialog-grace 60 --timeout 90 "$TMP/d.ijm" >/dev/null 2>&1 &
  local pid=$!
  local win
  win=$(timeout 60 xdotool search --sync --name "DLRadiomics $cmd" | head -n1) || true
  if [ -n "$win" ]; then
    sleep 1
    import -window "$win" +repage "$OUT/dialog-$name.png" && echo "wrote $OUT/dialog-$name.png"
  else
    echo "no dialog for $cmd" >&2
  fi
  kill "$pid" 2>/dev/null || true
  pkill -f "$TMP/d.ijm" 2>/dev/null || true
  sleep 1
}
OPEN_CT=""
if [ -f "$CT" ] && [ -f "$LAB" ]; then
  OPEN_CT="setBatchMode(false); run(\"Open Volume...\", \"image=[$CT]\"); run(\"Open Volume...\", \"image=[$LAB]\"); selectWindow(\"ct.nii.gz\");"
fi
dialog cohort "Teaching Cohort..."
dialog batch "Batch Radiomics..."
dialog classifier "Classifier / Nomogram..."
dialog apply-nomogram "Apply Nomogram..."
if [ -n "$OPEN_CT" ]; then
  dialog radiomics "Radiomics Features..." "$OPEN_CT"
  dialog deep-features "Deep Features (2.5D)..." "$OPEN_CT"
  dialog largest-slice "Largest ROI Slice" "$OPEN_CT"
  dialog label-mask-to-rois "Label Mask to ROIs" "$OPEN_CT"
  dialog agreement "Reader Agreement..." "$OPEN_CT"

  # Results: the features of L1 and the largest sagittal slices, as tables.
  cat > "$TMP/r.ijm" <<EOM
$OPEN_CT
run("Radiomics Features...", "mask=vertebrae_labels.nii.gz labels=31 naming=pyradiomics bin_width=25 bin_count=0 firstorder shape glcm original");
wait(12000);
run("Largest ROI Slice", "source=image image=[vertebrae_labels.nii.gz] axis=auto label=0");
wait(30000);
EOM
  "$ROOT/dlrad" macro --timeout 90 "$TMP/r.ijm" >/dev/null 2>&1 &
  RPID=$!
  for t in "Radiomics" "Largest ROI Slice"; do
    win=$(timeout 60 xdotool search --sync --name "^$t\$" | head -n1) || true
    if [ -n "$win" ]; then
      xdotool windowactivate "$win" 2>/dev/null || true
      sleep 3 # let the table paint its rows
      f=$(echo "$t" | tr 'A-Z ' 'a-z-')
      eval "$(xdotool getwindowgeometry --shell "$win")"
      # the frame as the screen shows it (import -window can give black for a Java frame's inner window)
      import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$OUT/results-$f.png" \
        && echo "wrote $OUT/results-$f.png"
    fi
  done
  kill "$RPID" 2>/dev/null || true
  pkill -f "$TMP/r.ijm" 2>/dev/null || true
fi

# Classifier / Nomogram on pROC's aSAH table (113 patients after subarachnoid haemorrhage; outcome Good/Poor;
# age, gender, WFNS grade, S100B, NDKA): the Model Comparison table and the test-set ROC plot.
ASAH="$ROOT/../shared/reference/stats/aSAH.csv"
if [ -f "$ASAH" ]; then
  cat > "$TMP/c.ijm" <<EOM
setBatchMode(false);
run("Classifier / Nomogram...", "table=[(CSV files)] features=[$ASAH] label=outcome positive=Poor exclude=gos6 categorical=gender selection=[variance,zscore] test_fraction=0.30 folds=5 seed=42 threads=4 bootstrap=500 lr-l2 svm-rbf knn rf nomogram_variables=[age,gender] signature=lr-l2 output=[$TMP/model]");
wait(40000);
EOM
  "$ROOT/dlrad" macro --timeout 240 "$TMP/c.ijm" >/dev/null 2>&1 &
  CPID=$!
  capture() { # capture FILE-NAME "window title regex" [WIDTHxHEIGHT to resize to]
    local win
    win=$(timeout 200 xdotool search --sync --name "$2" | head -n1) || true
    if [ -z "$win" ]; then echo "no window $2" >&2; return; fi
    sleep 2
    xdotool windowmove "$win" 20 40
    [ -n "${3:-}" ] && xdotool windowsize "$win" ${3/x/ }
    xdotool windowraise "$win" 2>/dev/null || true # no window manager: raise it above the other windows
    sleep 2
    eval "$(xdotool getwindowgeometry --shell "$win")"
    import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$OUT/$1.png" && echo "wrote $OUT/$1.png"
  }
  capture plot-roc "^ROC curves .* test set\$"
  capture results-model-comparison "^Model Comparison\$" 1000x170
  capture nomogram-fiji "^Nomogram\$"
  kill "$CPID" 2>/dev/null || true
  pkill -f "$TMP/c.ijm" 2>/dev/null || true
  sleep 1
  # Apply Nomogram: one patient scored with that nomogram, marked on it, and the Nomogram Score table
  if [ -f "$TMP/model/nomogram/nomogram.json" ]; then
    cat > "$TMP/a.ijm" <<EOM
setBatchMode(false);
run("Apply Nomogram...", "nomogram=[$TMP/model/nomogram/nomogram.json] signature_pipeline=[] signature_variable=[] parameter_file=[] age=58 gender=Male signature=-0.6");
wait(30000);
EOM
    "$ROOT/dlrad" macro --timeout 60 "$TMP/a.ijm" >/dev/null 2>&1 &
    APID=$!
    capture nomogram-apply "^Nomogram\$"
    capture results-nomogram-score "^Nomogram Score\$" 1000x120
    kill "$APID" 2>/dev/null || true
    pkill -f "$TMP/a.ijm" 2>/dev/null || true
  fi
fi
rm -rf "$TMP"

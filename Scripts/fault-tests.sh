#!/usr/bin/env bash
# Fault tests (issue 16): the release binary under kill -9, full devices and damaged models.
#
#   Scripts/fault-tests.sh            (builds the release binary first unless DEMARCHE_BIN is set)
#
# 1. kill -9 during `train --out`, repeated at spread-out moments: the model file is always the
#    old or the new model, byte for byte, and no temporary file outlives the next write.
# 2. A full device for the model (a 1 MB tmpfs; skipped with a note when mount is not allowed):
#    exit 1 with "No space left on device", the old model intact, no temporary file left.
# 3. A full device for standard output (/dev/full): score, eval, parties, explain exit 1 with
#    a clear message instead of exit 0 with nothing written.
# 4. Bit flips and truncations of the bundled model: every one refused with exit 1, never a crash.
# (8 threads scoring with one model equal to one thread: HostileModelFileTests, under swift test.)
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
if [ -z "${DEMARCHE_BIN:-}" ]; then
  swift build -c release --product demarche >/dev/null || exit 1
  DEMARCHE_BIN=.build/release/demarche
fi
bin=$(realpath "$DEMARCHE_BIN")
work=$(mktemp -d)
mounted=""
cleanup() { [ -n "$mounted" ] && umount "$mounted" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# ---- 1. kill -9 during train --out -------------------------------------------------------------
data=TrainingData/dev
"$bin" train --data "$data" --folds 0 --out "$work/old.demarche" >/dev/null 2>&1 || fail "training the old model"
"$bin" train --data "$data" --folds 0 --min-df 1 --out "$work/new.demarche" >/dev/null 2>&1 || fail "training the new model"
cmp -s "$work/old.demarche" "$work/new.demarche" && fail "old and new models should differ"
start=${EPOCHREALTIME/./}
"$bin" train --data "$data" --folds 0 --min-df 1 --out "$work/timing.demarche" >/dev/null 2>&1
train_ms=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
tries=${FAULT_KILL_TRIES:-30}
# Kill moments spread over the whole run, half of them near its end where the model is written
# (computed up front: starting python per try would itself take longer than a training run).
delays=($(python3 -c "
import random
random.seed()
t = $train_ms
for i in range($tries):
    d = random.uniform(0, t * 1.1) if i % 2 else random.uniform(t * 0.7, t * 1.05)
    print('%.3f' % (d / 1000))"))
saw_partial=0; saw_new=0
for i in $(seq 1 "$tries"); do
  mkdir -p "$work/kill"
  [ -f "$work/kill/m.demarche" ] || cp "$work/old.demarche" "$work/kill/m.demarche"
  "$bin" train --data "$data" --folds 0 --min-df 1 --out "$work/kill/m.demarche" >/dev/null 2>&1 &
  pid=$!
  sleep "${delays[$((i - 1))]}"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if cmp -s "$work/kill/m.demarche" "$work/new.demarche"; then saw_new=$((saw_new + 1))
  elif ! cmp -s "$work/kill/m.demarche" "$work/old.demarche"; then fail "kill -9 try $i: the model is neither the old nor the new one"; fi
  partials=$(ls -A "$work/kill" | grep -c '\.partial-' || true)
  [ "$partials" -gt 1 ] && fail "kill -9 try $i: $partials temporary files pile up"
  [ "$partials" -eq 1 ] && saw_partial=$((saw_partial + 1))
  # Back to the old model for the next try, through the writer (which cleans up dead partials).
  if cmp -s "$work/kill/m.demarche" "$work/new.demarche"; then cp "$work/old.demarche" "$work/kill/m.demarche"; fi
done
"$bin" train --data "$data" --folds 0 --min-df 1 --out "$work/kill/m.demarche" >/dev/null 2>&1 || fail "the write after the kills"
left=$(ls -A "$work/kill" | grep -v '^m.demarche$' || true)
[ -n "$left" ] && fail "after a complete write, leftovers remain: $left"
cmp -s "$work/kill/m.demarche" "$work/new.demarche" || fail "the write after the kills is not the new model"
pass "kill -9 during train --out, $tries tries (train takes ${train_ms} ms): always the old or the new model ($saw_new new); after $saw_partial tries one temporary file of a killed writer was present (never more), and the next complete write removed it"

# ---- 2. full device for the model --------------------------------------------------------------
mkdir -p "$work/full"
if mount -t tmpfs -o size=1m tmpfs "$work/full" 2>/dev/null; then
  mounted="$work/full"
  # An old (small) model in place, then the rest of the device filled up.
  "$bin" train --data Tests/DemarcheCLITests/Fixtures/train.jsonl --folds 0 --min-df 1 --out "$work/small.demarche" >/dev/null 2>&1
  old_size=$(stat -c %s "$work/small.demarche")
  if [ "$old_size" -lt 900000 ]; then
    cp "$work/small.demarche" "$work/full/m.demarche"
    dd if=/dev/zero of="$work/full/filler" bs=4k 2>/dev/null
    out=$("$bin" train --data "$data" --folds 0 --out "$work/full/m.demarche" 2>&1 >/dev/null); status=$?
    [ "$status" -eq 1 ] || fail "full device: exit status $status, expected 1"
    echo "$out" | grep -q "No space left on device" || fail "full device: message does not say why: $out"
    cmp -s "$work/full/m.demarche" "$work/small.demarche" || fail "full device: the old model was damaged"
    ls -A "$work/full" | grep -q '\.partial-' && fail "full device: a temporary file was left"
    pass "full device for the model: exit 1, \"$(echo "$out" | tail -1)\", old model intact, nothing left"
  else
    echo "note: the small model ($old_size bytes) does not fit the 1 MB tmpfs; full-device test skipped" >&2
  fi
  umount "$work/full"; mounted=""
else
  echo "note: mount is not allowed here (needs root or CAP_SYS_ADMIN); the full-device test for the model is skipped" >&2
fi

# ---- 3. full device for standard output --------------------------------------------------------
check_full_stdout() {
  local what=$1; shift
  local out status
  out=$("$bin" "$@" 2>&1 >/dev/full); status=$?
  [ "$status" -eq 1 ] || fail "$what > /dev/full: exit status $status, expected 1"
  echo "$out" | grep -q "cannot write to standard output: No space left on device" || fail "$what > /dev/full: no clear message: $out"
}
check_full_stdout "score" score Examples/strait-talks.txt
check_full_stdout "score --format json" score --format json Examples/strait-talks.txt
check_full_stdout "score --format jsonl" score --format jsonl Tests/DemarcheCLITests/Fixtures/train.jsonl
check_full_stdout "eval" eval --data Tests/DemarcheCLITests/Fixtures/train.jsonl
check_full_stdout "parties" parties
check_full_stdout "explain" explain "Seoul accused Pyongyang of provocation." --target Pyongyang
pass "full standard output (/dev/full): score, eval, parties and explain exit 1 with a clear message"

# ---- 4. bit flips and truncations of the bundled model -----------------------------------------
python3 - "$work" Models/default.demarche "${FAULT_FLIPS:-60}" <<'PY'
import random, sys
work, model, flips = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(model, "rb").read()
random.seed(16)
for i in range(flips):
    b = bytearray(data)
    p = random.randrange(len(b)) if i % 2 else random.randrange(min(len(b), 4096))
    b[p] ^= 1 << random.randrange(8)
    open(f"{work}/flip-{i}.demarche", "wb").write(b)
for i, cut in enumerate([0, 1, 8, 31, 32, 40, 100, 1000] + [random.randrange(len(data)) for _ in range(12)]):
    open(f"{work}/cut-{i}.demarche", "wb").write(data[:cut])
PY
damaged=0
for f in "$work"/flip-*.demarche "$work"/cut-*.demarche; do
  out=$("$bin" score --model "$f" Examples/strait-talks.txt 2>&1 >/dev/null); status=$?
  damaged=$((damaged + 1))
  if [ "$status" -ne 1 ]; then fail "$(basename "$f"): exit status $status (expected 1: refused)"; continue; fi
  echo "$out" | grep -q "not a usable Demarche model" || fail "$(basename "$f"): unclear message: $out"
done
pass "bit flips and truncations of the bundled model: $damaged damaged files, each refused with exit 1"

# ---- 5. big articles: time linear in the length, memory a small multiple of it ----------------
python3 - "$work" "$bin" <<'PY' || failures=$((failures + 1))
import random, resource, subprocess, sys, time
work, binary = sys.argv[1], sys.argv[2]
random.seed(16)
words = "the minister said Seoul and Tokyo would talk with Pyongyang about missiles China accused Washington of provocation".split()
def run(path, fmt="table"):
    before = time.perf_counter()
    p = subprocess.run([binary, "score", "--format", fmt, path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit(f"FAIL: score {path}: exit {p.returncode}: {p.stderr.decode()[:300]}")
    return time.perf_counter() - before
# No full stop at all: 80,000 and 320,000 words (was 0.6 s and 11 s: about n^1.8).
times = {}
for n in (80_000, 320_000):
    path = f"{work}/nostop-{n}.txt"
    open(path, "w").write(" ".join(random.choice(words) for _ in range(n)))
    times[n] = min(run(path) for _ in range(2))
ratio = times[320_000] / times[80_000]
print(f"ok: no full stop, 80k words {times[80_000]:.2f} s, 320k words {times[320_000]:.2f} s (x{ratio:.1f} for x4 the words)")
if ratio > 6.5:
    sys.exit("FAIL: scoring a text without full stops is not linear")
# The example article repeated to 10 MB on one line: peak memory of the process.
text = open("Examples/strait-talks.txt").read().replace("\n", " ")
big = (text + " ") * (10_000_000 // (len(text) + 1))
path = f"{work}/oneline.txt"
open(path, "w").write(big)
run(path)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # MB, the largest child so far
size = len(big.encode()) / 1e6
print(f"ok: a {size:.0f} MB one-line article: peak RSS {peak:.0f} MB ({peak / size:.0f}x the input, start-up included)")
if peak > 45 + 25 * size:
    sys.exit(f"FAIL: peak RSS {peak:.0f} MB for a {size:.0f} MB article (limit 45 MB + 25x)")
PY

if [ "$failures" -gt 0 ]; then echo "fault tests: $failures failures" >&2; exit 1; fi
echo "fault tests: all passed"

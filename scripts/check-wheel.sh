#!/usr/bin/env bash
# The newcomer's installed path: build the wheel, install it (from the lock) into a new virtual
# environment outside the checkout, and run the main jobs from there on the bundled recording.
# Nothing here may read the source tree: the commands run from an empty folder.
set -euo pipefail
cd "$(dirname "$0")/.."
make wheel >/dev/null
wheel=$(ls -t dist/oefensense-*.whl | head -n 1)
lock=$(pwd)/requirements/lock.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check -c "$lock" "$wheel[gui]"
cd "$work"
bundled=$("$work/venv/bin/python" -c "from importlib.resources import files; print(files('oefensense.data') / 'hapt_user01_exp0_0-240s.waist.csv.gz')")
case "$bundled" in "$work"/venv/*) ;; *) echo "bundled recording not read from the installed wheel: $bundled" >&2; exit 1 ;; esac
"$work/venv/bin/oefensense" analyze "$bundled" --out out >/dev/null
for f in timeline.csv events.jsonl summary.json; do
  test -s "out/$(basename "$bundled" .waist.csv.gz)/$f" || { echo "wheel: analyze wrote no $f" >&2; exit 1; }
done
"$work/venv/bin/oefensense" batch "$bundled" --out batch-out --jobs 1 --quiet >/dev/null
test -s batch-out/files.parquet || { echo "wheel: batch wrote no files.parquet" >&2; exit 1; }
"$work/venv/bin/oefensense" demo --speed max --out demo-session >/dev/null
"$work/venv/bin/oefensense" info demo-session >/dev/null
# The patient record from the wheel: migrations ship as package data, the report and the export run.
export OEFENSENSE_DATA_DIR="$work/data"
"$work/venv/bin/oefensense" patient add P001 >/dev/null
"$work/venv/bin/oefensense" analyze "$bundled" --out rec1 --patient P001 --start 2026-03-02T08:30+01:00 -q >/dev/null
"$work/venv/bin/oefensense" analyze "$bundled" --out rec2 --patient P001 --start 2026-03-09T08:30+01:00 -q >/dev/null
"$work/venv/bin/oefensense" report P001 --out r.pdf --language nl >/dev/null
"$work/venv/bin/oefensense" export P001 --format fhir --out b.json >/dev/null
test -s r.pdf && test -s b.json || { echo "wheel: report or export missing" >&2; exit 1; }
# a guided test on real HAPT transfers (the test fixture; the migration to assessments.details ships)
"$work/venv/bin/oefensense" assess five-times-sit-to-stand "$OLDPWD/tests/assessments/data/hapt_5xsts.waist.csv.gz" \
  --patient P001 --age 70 --json > assess.json
grep -q '"reps": 5' assess.json || { echo "wheel: assess did not count 5 stands" >&2; exit 1; }
echo "wheel OK: $(basename "$wheel") installed outside the checkout; analyze, batch, demo, patient/report/export, assess ran from it"

"""Write tests/assessments/data/hapt_5xsts.waist.csv.gz: five real HAPT sit-down/stand-up pairs
(users 1-5, exp0; CC BY 4.0, see tests/assessments/data/ATTRIBUTION.md) joined into one
five-times-sit-to-stand recording (benchmarks/assessment_data.py says how); and
hapt_user01_sit_stand.waist.csv.gz: user 1's (exp0) sit-down and stand-up as recorded, 3 s
either side (a stand-up whose lean begins before the height's low point); and
hapt_user14_not_a_tug.waist.csv.gz: 41-108 s of user 14's (exp0) daily activities, no TUG
(a stand-up, a walk whose heading spans 119°, a sit-down: main timed it a 50.9-s TUG).

    .venv/bin/python scripts/make_assessment_fixture.py [SHARED_DATA_DIR]
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.assessment_data import hapt_composite, hapt_span, hapt_window, write_csv  # noqa: E402

root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data")
out = Path(__file__).resolve().parents[1] / "tests" / "assessments" / "data"
t, acc, gyr, truth = hapt_composite(root)
write_csv(out / "hapt_5xsts.waist.csv.gz", t, acc, gyr)
(out / "hapt_5xsts.truth.json").write_text(json.dumps([{"kind": k, "start_s": round(a, 2), "end_s": round(b, 2)}
                                                        for k, a, b in truth], indent=1) + "\n")
print(f"{len(t)} samples, {t[-1]:.1f} s, {sum(k == 'stand_up' for k, _, _ in truth)} stand-ups")
t, acc, gyr, truth = hapt_window(root, 1, 0)
write_csv(out / "hapt_user01_sit_stand.waist.csv.gz", t, acc, gyr)
(out / "hapt_user01_sit_stand.truth.json").write_text(json.dumps(
    [{"kind": k, "start_s": round(a, 2), "end_s": round(b, 2)} for k, a, b in truth], indent=1) + "\n")
print(f"{len(t)} samples, {t[-1]:.1f} s: user 1's sit-down and stand-up")
t, acc, gyr = hapt_span(root, 14, 0, 41.0, 108.0)
write_csv(out / "hapt_user14_not_a_tug.waist.csv.gz", t, acc, gyr)
print(f"{len(t)} samples, {t[-1]:.1f} s: user 14's stand-up, walk without turning around and sit-down")

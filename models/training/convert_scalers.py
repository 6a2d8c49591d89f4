"""Rewrite a shipped classifier's ``Scaler`` nodes as ``Sub`` + ``Mul`` in place, with its card.

    python -m oefensense.models.training.convert_scalers models/posture_waist

The posture model shipped on 2 Dec 2026 (sha256 ``bfd4f0a6…``) predates the export pass
:func:`~.onnx_export.scalers_to_sub_mul` that ``train_posture`` now runs, so onnxruntime ran its
five ``ai.onnx.ml`` ``Scaler`` nodes, ~40 % of the model's time per block (#20's fourteenth and
seventeenth rounds, benchmarks/RESULTS.md). This applies the same pass to the file (``onnx``, the
training dependency), checks that onnxruntime gives the same label and probability bits as the old
file on a fixed set of rows (refuses to write otherwise), writes the file and sets the card's
``sha256`` and ``export_note`` to match; every other line of the card stays as train_posture wrote
it. A file without ``Scaler`` nodes is left alone (exit 1, says so).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import numpy as np

from .onnx_export import scalers_to_sub_mul

EXPORT_NOTE = ('"export_note" = "each StandardScaler is exported as Sub + Mul of float32 constants, not as a Scaler '
               'node (models.training.onnx_export.scalers_to_sub_mul): the same two float32 operations, '
               'bit-identical outputs, ~40 % less onnxruntime time per block"')


def _outputs(model: bytes, rows: np.ndarray) -> list[np.ndarray]:
    import onnxruntime as ort

    sess = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    return sess.run(None, {sess.get_inputs()[0].name: rows})


def convert(folder: Path, n_rows: int = 20000, seed: int = 0) -> str:
    """Convert ``folder``'s model file (named by its card) and update the card; returns the new sha256."""
    import onnx

    card_path = folder / "model_card.toml"
    card = card_path.read_text()
    name = re.search(r'^file = "([^"]+)"', card, re.M)
    if name is None:
        raise SystemExit(f"{card_path}: no file = line")
    path = folder / name.group(1)
    old = path.read_bytes()
    onx = onnx.load_from_string(old)
    if scalers_to_sub_mul(onx) == 0:
        raise SystemExit(f"{path}: no Scaler node; nothing to convert")
    new = onx.SerializeToString()
    width = onx.graph.input[0].type.tensor_type.shape.dim[1].dim_value
    rng = np.random.default_rng(seed)  # features of all scales, zeros and extremes
    rows = (rng.standard_normal((n_rows, width)) * rng.choice([1e-3, 1.0, 30.0, 1e3], (n_rows, width))).astype(np.float32)
    rows[:50] = 0.0
    for a, b in zip(_outputs(old, rows), _outputs(new, rows)):
        if a.dtype != b.dtype or a.shape != b.shape or a.tobytes() != b.tobytes():
            raise SystemExit(f"{path}: the converted graph's outputs differ from the file's; not written")
    sha = hashlib.sha256(new).hexdigest()
    card = re.sub(r'^sha256 = "[0-9a-f]+"$', f'sha256 = "{sha}"', card, count=1, flags=re.M)
    card = re.sub(r'^("emission_temperature_note" = .*)$', lambda m: m.group(1) + "\n" + (
        f'"converted" = "Scaler nodes rewritten as Sub + Mul by models.training.convert_scalers from the file of sha256 '
        f'{hashlib.sha256(old).hexdigest()}, outputs bit-identical on {n_rows} rows; the rest of this card is that '
        'file\'s, as train_posture wrote it"'), card, count=1, flags=re.M)
    if '"export_note"' not in card:
        card = re.sub(r'^("emission_temperature_note" = .*)$', lambda m: m.group(1) + "\n" + EXPORT_NOTE, card,
                      count=1, flags=re.M)
    path.write_bytes(new)
    card_path.write_text(card)
    return sha


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="the model's folder (model_card.toml names its file)")
    args = ap.parse_args(argv)
    print(f"{args.folder}: sha256 {convert(args.folder)}; same outputs bit for bit on 20000 rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())

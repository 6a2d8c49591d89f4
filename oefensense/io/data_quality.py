"""The ``data_quality`` part of summary.json, counted as events stream past (bounded memory).

Per sensor: the flagged ``gap`` events (count, seconds, by reason: link_lost, out_of_range,
nonfinite, storage_damage, ...), the samples dropped as impossible by reason (events that carry
``samples``: decoders and file imports), and for file imports what the import dropped or sorted
(``csv_checks.ImportReport``); ``alignment``: the spans whose posture and angles rested on a wrong
up-direction, corrected later (``alignment_corrected`` events: a recording that starts lying), and
for a file the upright learned ahead instead (``learned_ahead_until_s``, ``still_start_off_deg``),
and a sensor whose upright no walk ever confirmed (``up_unconfirmed``, ``up_from``: the still
posture it was guessed from; ``alignment_unconfirmed`` events);
``coverage``: with several sensors, those whose data start or end more than ``COVERAGE_SLACK_S``
away from the others' (a file of the set that starts later, a sensor that connected late or went
quiet before the end): no gap event says so, and those stretches rest on fewer sensors;
``file_starts``: a set of CSV files whose first rows are more than ``COVERAGE_SLACK_S`` apart in
their time columns, and whether they were read as one clock (``common_clock``) or each from its
own first row (the default): the reader must know which.
"""

from __future__ import annotations

from typing import Any

from ..core.types import NS_PER_S, Event

COVERAGE_SLACK_S = 5.0  # sensors connect a few seconds apart: only a longer difference is said


class DataQuality:
    """Counters fed with every event the analysis writer sees; exact (integer ns), so a replay
    gives the same figures as the live run."""

    def __init__(self, imports: dict[str, Any] | None = None, session: dict[str, str] | None = None,
                 ahead: dict[str, dict[str, Any]] | None = None, file_starts: dict[str, Any] | None = None) -> None:
        self.imports = dict(imports or {})  # sensor id -> ImportReport
        self.session = session  # a session replayed before it was closed (api.session_state)
        # sensor id -> {placement, learned_ahead_until_s, still_start_off_deg}: a file's upright
        # learned ahead because its still start was not upright (orientation.lookahead)
        self.ahead = dict(ahead or {})
        # a file set whose first rows are far apart: {"first_row_s": {sensor: s}, "common_clock": bool}
        self.file_starts = file_starts
        self._gaps: dict[str, dict[str, Any]] = {}
        self._dropped: dict[str, dict[str, int]] = {}
        self._unreliable: dict[str, dict[str, Any]] = {}
        self._unconfirmed: dict[str, dict[str, Any]] = {}  # sensor id -> {placement, method}
        self._spans: dict[str, list[int]] = {}  # sensor id -> [first, last] sample time (ns)

    def add_samples(self, blocks: list[Any]) -> None:
        """Note each sensor's first and last sample (SampleBlocks in stream order)."""
        for b in blocks:
            if not len(b):
                continue
            span = self._spans.get(b.sensor_id)
            t0, t1 = int(b.t_ns[0]), int(b.t_ns[-1])
            if span is None:
                self._spans[b.sensor_id] = [t0, t1]
            else:
                span[0], span[1] = min(span[0], t0), max(span[1], t1)

    def coverage(self) -> dict[str, dict[str, float]]:
        """Sensors whose data start later or end earlier than the others' by more than
        COVERAGE_SLACK_S: {sensor id: {start_s, end_s, others_start_s, others_end_s}}."""
        if len(self._spans) < 2:
            return {}
        slack = int(COVERAGE_SLACK_S * NS_PER_S)
        first = min(a for a, _ in self._spans.values())
        last = max(b for _, b in self._spans.values())
        return {sid: {"start_s": round(a / NS_PER_S, 3), "end_s": round(b / NS_PER_S, 3),
                      "others_start_s": round(first / NS_PER_S, 3), "others_end_s": round(last / NS_PER_S, 3)}
                for sid, (a, b) in sorted(self._spans.items()) if a - first > slack or last - b > slack}

    def add(self, events: list[Event]) -> None:
        for e in events:
            if e.type == "alignment_corrected":
                u = self._unreliable.setdefault(e.sensor_id, {"placement": e.fields.get("placement"), "spans": []})
                u["spans"].append({"start_s": round(e.t_ns / NS_PER_S, 3), "end_s": round(e.end_ns / NS_PER_S, 3),
                                   "up_change_deg": e.fields.get("up_change_deg")})
                continue
            if e.type == "alignment_unconfirmed":
                self._unconfirmed[e.sensor_id] = {"placement": e.fields.get("placement"), "method": e.fields.get("method")}
                continue
            if e.type != "gap":
                continue
            g = self._gaps.setdefault(e.sensor_id, {"count": 0, "ns": 0, "by_reason": {}})
            reason = str(e.fields.get("reason", "gap"))
            g["count"] += 1
            g["ns"] += max(0, int(e.end_ns) - int(e.t_ns))
            g["by_reason"][reason] = g["by_reason"].get(reason, 0) + 1
            if e.fields.get("samples"):
                per = self._dropped.setdefault(e.sensor_id, {})
                per[reason] = per.get(reason, 0) + int(e.fields["samples"])

    def to_dict(self) -> dict[str, Any]:
        gaps = {sid: {"count": g["count"], "seconds": round(g["ns"] / NS_PER_S, 3),
                      "by_reason": dict(sorted(g["by_reason"].items()))} for sid, g in sorted(self._gaps.items())}
        out: dict[str, Any] = {"gaps": gaps, "dropped_samples": {sid: dict(sorted(d.items()))
                                                              for sid, d in sorted(self._dropped.items())}}
        alignment: dict[str, dict[str, Any]] = {sid: dict(a) for sid, a in self.ahead.items()}
        for sid, u in self._unreliable.items():
            alignment.setdefault(sid, {"placement": u["placement"]}).update(
                spans=list(u["spans"]), unreliable_s=round(sum(x["end_s"] - x["start_s"] for x in u["spans"]), 3))
        for sid, u in self._unconfirmed.items():
            alignment.setdefault(sid, {"placement": u["placement"]}).update(up_unconfirmed=True, up_from=u["method"])
        if alignment:
            out["alignment"] = dict(sorted(alignment.items()))
        coverage = self.coverage()
        if coverage:
            out["coverage"] = coverage
        if self.file_starts:
            out["file_starts"] = {"first_row_s": dict(sorted(self.file_starts["first_row_s"].items())),
                                  "common_clock": bool(self.file_starts["common_clock"])}
        if self.session:
            out["session"] = dict(self.session)
        if self.imports:
            out["import"] = {sid: {k: v for k, v in r.to_dict().items() if k != "gaps"}
                             for sid, r in self.imports.items() if r is not None}
        return out

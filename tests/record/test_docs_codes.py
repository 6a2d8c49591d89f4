"""docs/record.md's code table is the one the export uses (so the documented codes stay true)."""

from pathlib import Path

from oefensense.export import code_table


def test_code_table_in_docs_matches_the_measures() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "record.md").read_text()
    for row in code_table():
        line = f"| `{row['code']}` | {row['system']} | `{row['system_code']}` | `{row['unit']}` | {row['en']} | {row['nl']} |"
        assert line in text, line

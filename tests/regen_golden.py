"""Regenerate tests/golden/<pdf stem>/pNNN.json from every fixture PDF (`make golden`).

Golden files are produced by the code, then reviewed with `git diff tests/golden/` and committed;
never edit them by hand.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from extract.batch.pipeline import extract_file

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"


def golden_pdfs() -> list[Path]:
    return sorted(FIXTURES.glob("*.pdf"))


def page_documents(pdf: Path) -> dict[int, dict]:
    """What each page of a PDF gives: its page record, and its action when it is one."""
    result = extract_file(pdf)
    actions = {a.source.page: a.model_dump(mode="json") for a in result.actions}
    return {r.page: {"page": r.model_dump(mode="json"), "action": actions.get(r.page)} for r in result.pages}


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def main() -> None:
    for pdf in golden_pdfs():
        folder = GOLDEN / pdf.stem
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for number, document in page_documents(pdf).items():
            (folder / f"p{number:03d}.json").write_text(dumps(document), encoding="utf-8")
        print(f"{folder}: {len(list(folder.glob('*.json')))} page(s)")


if __name__ == "__main__":
    main()

"""Regenerate tests/golden/<pdf stem>/pNNN.json from every fixture PDF (`make golden`).

Golden files are produced by the code, then reviewed with `git diff tests/golden/` and committed;
never edit them by hand.
"""

from __future__ import annotations

import json
import shutil

from extract.batch.pipeline import extract_file
from tests.helpers import GOLDEN, golden_pdfs, page_documents


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def main() -> None:
    for pdf in golden_pdfs():
        folder = GOLDEN / pdf.stem
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for number, document in page_documents(extract_file(pdf)).items():
            (folder / f"p{number:03d}.json").write_text(dumps(document), encoding="utf-8")
        print(f"{folder}: {len(list(folder.glob('*.json')))} page(s)")


if __name__ == "__main__":
    main()

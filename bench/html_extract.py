"""HTML extraction: trafilatura against jusText on the real-shaped pages of corpora/pages/.

For every page and both extractors, side by side in one run: how many of the article's
paragraphs the extracted text keeps, and how many boilerplate phrases (cookie banner,
navigation, share widget, related links, paywall, comments, footer, scripts) leak into it.
The expected paragraphs and phrases are written by hand in corpora/pages/gold.toml. Also
reported: whether the title and date found match the page's.
The third column is trafilatura without the widget filter (`WIDGET_NAMES`), to show what it adds.

    python bench/html_extract.py
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from precis.formats import html as html_format
from precis.formats.html import EXTRACTORS, extract_page
from precis.text.paragraphs import normalize_for_comparison

PAGES_DIR = Path(__file__).resolve().parent.parent / "corpora" / "pages"


def load_gold() -> dict[str, dict]:
    return tomllib.loads((PAGES_DIR / "gold.toml").read_text(encoding="utf-8"))


def measure(name: str, gold: dict, extractor: str) -> dict[str, int | bool]:
    page = extract_page((PAGES_DIR / f"{name}.html").read_text(encoding="utf-8"), extractor)
    text = normalize_for_comparison("\n".join(page.paragraphs))
    kept = sum(normalize_for_comparison(p) in text for p in gold["article"])
    leaked = [b for b in gold["boilerplate"] if normalize_for_comparison(b) in text]
    return {
        "kept": kept,
        "article": len(gold["article"]),
        "leaked": len(leaked),
        "boilerplate": len(gold["boilerplate"]),
        "title": page.metadata.title == gold["title"],
        "date": page.metadata.date == gold["date"],
    }


UNFILTERED = "trafilatura, widgets left in"


def main() -> None:
    if UNFILTERED not in EXTRACTORS:  # what the widget filter (WIDGET_NAMES) adds
        EXTRACTORS.add(
            UNFILTERED, functools.partial(html_format._trafilatura_extract, widgets=True)
        )
    gold = load_gold()
    names = EXTRACTORS.names()
    print("| page | " + " | ".join(f"{n}: kept / leaked" for n in names) + " |")
    print("|---|" + "---|" * len(names))
    totals = {n: [0, 0, 0, 0] for n in names}
    for page, g in gold.items():
        cells = []
        for n in names:
            m = measure(page, g, n)
            t = totals[n]
            t[0] += m["kept"]
            t[1] += m["article"]
            t[2] += m["leaked"]
            t[3] += m["boilerplate"]
            cells.append(
                f"{m['kept']}/{m['article']} paragraphs, {m['leaked']}/{m['boilerplate']} leaked"
            )
        print(f"| {page} | " + " | ".join(cells) + " |")
    print(
        "| **all** | "
        + " | ".join(f"**{t[0]}/{t[1]} paragraphs, {t[2]}/{t[3]} leaked**" for t in totals.values())
        + " |"
    )
    ok = sum(measure(p, g, "trafilatura")["title"] for p, g in gold.items())
    dates = sum(measure(p, g, "trafilatura")["date"] for p, g in gold.items())
    print(f"\ntitle right on {ok}/{len(gold)} pages, date right on {dates}/{len(gold)}")


if __name__ == "__main__":
    main()

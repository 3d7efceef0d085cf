"""Offline language identifiers for precis' language check: py3langid vs lingua-language-detector.

Both ship their model inside the wheel (no download). Scored side by side in one run on the same
texts: short news paragraphs in French, English, Spanish, German and Italian written for this
bench (bench/data/langid_paragraphs.tsv), plus single sentences of the WMT newstest2013 French
and English sides when the shared data is here. Reported: accuracy, French recall and the
false "French" rate (what the check needs: never warn on French, always warn on the rest),
detection time per text, and start-up cost (import + first call, in a fresh process).

    python bench/langid.py [--sentences N]
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from precis.corpora import shared_data_dir
from precis.io import read_lines, read_text

SAMPLES = Path(__file__).resolve().parent / "data" / "langid_paragraphs.tsv"
SENTENCES = 300  # newstest2013 lines per language (shared data)
LANGS = ("fr", "en", "es", "de", "it")

Detector = Callable[[str], str]  # text -> ISO 639-1 code


def _py3langid() -> Detector:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: identifier.classify(text)[0]


def _lingua(low_accuracy: bool) -> Callable[[], Detector]:
    def build() -> Detector:
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        detector = (builder.with_low_accuracy_mode() if low_accuracy else builder).build()

        def detect(text: str) -> str:
            lang = detector.detect_language_of(text)
            return lang.iso_code_639_1.name.lower() if lang else "und"

        return detect

    return build


DETECTORS: dict[str, tuple[str, Callable[[], Detector], str]] = {
    # name -> (module, builder, code run in a fresh process to time the start-up)
    "py3langid": (
        "py3langid",
        _py3langid,
        "import py3langid; py3langid.classify('Il pleut sur Brest.')",
    ),
    "lingua": (
        "lingua",
        _lingua(False),
        "from lingua import LanguageDetectorBuilder as B;"
        "B.from_all_languages().build().detect_language_of('Il pleut sur Brest.')",
    ),
    "lingua-low": (
        "lingua",
        _lingua(True),
        "from lingua import LanguageDetectorBuilder as B;"
        "B.from_all_languages().with_low_accuracy_mode().build()"
        ".detect_language_of('Il pleut sur Brest.')",
    ),
}


def load_samples(n_sentences: int) -> list[tuple[str, str, str]]:
    """(set, lang, text) triples."""
    rows: list[tuple[str, str, str]] = []
    for line in read_text(SAMPLES).splitlines():
        if line.strip() and not line.startswith("#"):
            lang, text = line.split("\t", 1)
            rows.append(("paragraphs", lang, text))
    shared = shared_data_dir()
    if shared is not None and n_sentences:
        for lang, name in (("fr", "newstest2013.fra"), ("en", "newstest2013.eng")):
            path = shared / "mt" / name
            if path.exists():
                lines = [ln for ln in read_lines(path) if len(ln.split()) >= 3][:n_sentences]
                rows.extend(("newstest2013", lang, ln) for ln in lines)
    return rows


def startup_seconds(code: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=SENTENCES)
    args = parser.parse_args()
    rows = load_samples(args.sentences)
    sets = sorted({s for s, _, _ in rows})
    counts = ", ".join(f"{s}: {sum(1 for r in rows if r[0] == s)}" for s in sets)
    print(f"{len(rows)} texts ({counts}); languages {', '.join(LANGS)}")
    bare = startup_seconds("pass")
    header = f"{'detector':<12} {'set':<13} {'acc':>6} {'fr rec':>7} {'false fr':>9} {'ms/text':>8}"
    print(header + f" {'start-up s':>11}")
    for name, (module, build, code) in DETECTORS.items():
        if importlib.util.find_spec(module) is None:
            print(f"{name:<12} not installed (skipped)")
            continue
        startup = startup_seconds(code) - bare
        detect = build()
        for which in sets:
            items = [(lang, text) for s, lang, text in rows if s == which]
            start = time.perf_counter()
            guesses = [detect(text) for _, text in items]
            ms = (time.perf_counter() - start) * 1000 / len(items)
            right = sum(g == lang for g, (lang, _) in zip(guesses, items, strict=True))
            fr = [g for g, (lang, _) in zip(guesses, items, strict=True) if lang == "fr"]
            other = [g for g, (lang, _) in zip(guesses, items, strict=True) if lang != "fr"]
            fr_recall = sum(g == "fr" for g in fr) / len(fr) if fr else float("nan")
            false_fr = sum(g == "fr" for g in other) / len(other) if other else float("nan")
            print(
                f"{name:<12} {which:<13} {right / len(items):>6.3f} {fr_recall:>7.3f} "
                f"{false_fr:>9.3f} {ms:>8.3f} {startup:>11.2f}"
            )
            wrong = [(lang, g, t) for g, (lang, t) in zip(guesses, items, strict=True) if g != lang]
            for lang, guess, text in wrong[:3]:
                print(f"    {lang}->{guess}: {text[:70]}")
    precis_check(rows, sets)


def precis_check(rows: list[tuple[str, str, str]], sets: list[str]) -> None:
    """What `precis` does with the chosen identifier (precis.text.lang.check_language)."""
    from precis.text.lang import STATUS_OTHER, STATUS_SHORT, check_language

    print("\nprecis' check (warns when P(fr) < FRENCH_FLOOR; too short: no verdict)")
    for which in sets:
        items = [(lang, text) for s, lang, text in rows if s == which]
        checks = [(lang, check_language(text)) for lang, text in items]
        fr = [c for lang, c in checks if lang == "fr"]
        other = [c for lang, c in checks if lang != "fr"]
        false_warn = sum(c.status == STATUS_OTHER for c in fr)
        warned = sum(c.status == STATUS_OTHER for c in other)
        short = sum(c.status == STATUS_SHORT for _, c in checks)
        print(
            f"  {which}: French warned {false_warn}/{len(fr)}; other languages warned "
            f"{warned}/{len(other)}; too short to judge {short}"
        )


if __name__ == "__main__":
    main()

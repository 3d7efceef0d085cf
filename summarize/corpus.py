"""Near-duplicate paragraphs across many documents: MinHash LSH (datasketch), linear cost.

Each paragraph (boilerplate lines removed, fewer than `MIN_WORDS` words skipped) becomes a
MinHash of its word shingles (case, accents and punctuation folded); an LSH index returns the
candidates whose estimated Jaccard may pass `threshold`, and each candidate pair is checked
with the exact Jaccard of the shingle sets. Cost grows linearly with the number of paragraphs,
where comparing all pairs grows quadratically.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis.errors import InputError
from precis.formats import document_blocks
from precis.formats.detect import detect
from precis.io import read_text
from precis.jobs.walk import DEFAULT_GLOBS, walk
from precis.summarize.boilerplate import clean_paragraphs
from precis.text.paragraphs import normalize_for_comparison

CORPUS_THRESHOLD = 0.5
# The LSH index is built for a lower threshold than the one reported, so that pairs just above
# the threshold (where the LSH S-curve misses about half) become candidates; candidates are
# then checked with the exact Jaccard.
LSH_THRESHOLD_FACTOR = 0.8
NUM_PERM = 128
CORPUS_SHINGLE_SIZE = 3
MIN_WORDS = 5
CORPUS_PATTERNS = DEFAULT_GLOBS  # the same files as every folder command

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CrossDuplicate:
    file: str
    index: int
    other_file: str
    other_index: int
    estimated: float  # MinHash estimate of the Jaccard similarity
    jaccard: float  # exact Jaccard of the word-shingle sets

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class CorpusDedupResult:
    files: int
    paragraphs: int
    pairs: tuple[CrossDuplicate, ...]
    threshold: float
    num_perm: int
    shingle_size: int
    # Files that could not be read (name, error): reported, the others are still compared.
    failed: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {
            "pairs": [p.to_dict() for p in self.pairs],
            "failed": [{"file": f, "error": e} for f, e in self.failed],
        }


def shingles(text: str, size: int = CORPUS_SHINGLE_SIZE) -> set[str]:
    """Word shingles of folded text, as strings ("a b c")."""
    tokens = normalize_for_comparison(text).split()
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def near_duplicate_pairs(
    items: list[tuple[str, int, str]],
    *,
    threshold: float = CORPUS_THRESHOLD,
    num_perm: int = NUM_PERM,
    shingle_size: int = CORPUS_SHINGLE_SIZE,
    same_document: bool = False,
    progress: Progress | None = None,
) -> list[CrossDuplicate]:
    """Pairs of (document, paragraph index, text) items with Jaccard >= threshold, found by
    MinHash LSH and checked exactly; pairs within one document only when `same_document`."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold * LSH_THRESHOLD_FACTOR, num_perm=num_perm)
    sets: list[set[str]] = []
    hashes: list[Any] = []
    pairs: list[CrossDuplicate] = []
    for key, (doc, index, text) in enumerate(items):
        grams = shingles(text, shingle_size)
        sets.append(grams)
        minhash = MinHash(num_perm=num_perm)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        hashes.append(minhash)
        if not grams:
            continue
        for other in lsh.query(minhash):
            odoc, oindex, _ = items[other]
            if odoc == doc and not same_document:
                continue
            exact = len(grams & sets[other]) / len(grams | sets[other])
            if exact >= threshold:
                pairs.append(
                    CrossDuplicate(
                        odoc,
                        oindex,
                        doc,
                        index,
                        round(float(minhash.jaccard(hashes[other])), 4),
                        round(exact, 4),
                    )
                )
        lsh.insert(key, minhash)
        if progress and (key + 1) % 1000 == 0:
            progress(key + 1, len(items))
    pairs.sort(key=lambda p: (p.file, p.index, p.other_file, p.other_index))
    return pairs


def exact_pairs(
    items: list[tuple[str, int, str]],
    *,
    threshold: float = CORPUS_THRESHOLD,
    shingle_size: int = CORPUS_SHINGLE_SIZE,
) -> list[tuple[int, int, float]]:
    """All-pairs exact Jaccard (quadratic): the reference the LSH result is compared with."""
    sets = [shingles(text, shingle_size) for _, _, text in items]
    found = []
    for i in range(len(sets)):
        for j in range(i):
            if items[i][0] == items[j][0] or not sets[i] or not sets[j]:
                continue
            jac = len(sets[i] & sets[j]) / len(sets[i] | sets[j])
            if jac >= threshold:
                found.append((j, i, jac))
    return found


def _files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(d.path for d in walk(path, CORPUS_PATTERNS).files if d.problem is None)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def corpus_dedup(
    paths: str | Path | Iterable[str | Path],
    *,
    threshold: float = CORPUS_THRESHOLD,
    num_perm: int = NUM_PERM,
    shingle_size: int = CORPUS_SHINGLE_SIZE,
    encoding: str = "utf-8",
    progress: Progress | None = None,
) -> CorpusDedupResult:
    """Near-duplicate paragraphs across the document files of folders (or given files).

    A file that cannot be read (undecodable, binary) is listed in `failed` with its error and
    the others are still compared; `files` counts the files read."""
    if not 0 < threshold <= 1:
        raise InputError(f"the corpus threshold must be in (0, 1] (got {threshold})")
    roots = [paths] if isinstance(paths, str | Path) else list(paths)
    files = _files(roots)
    if not files:
        raise InputError(f"{', '.join(map(str, roots))}: no {', '.join(CORPUS_PATTERNS)} files")
    base = Path(roots[0]) if len(roots) == 1 and Path(roots[0]).is_dir() else None
    items: list[tuple[str, int, str]] = []
    failed: list[tuple[str, str]] = []
    for path in files:
        name = str(path.relative_to(base)) if base else str(path)
        try:
            text = read_text(path, encoding=encoding, allow_empty=True)
        except InputError as exc:
            failed.append((name, str(exc)))
            continue
        blocks, _ = document_blocks(text, detect(text, path).format)  # HTML: the article only
        paragraphs = [b.text if b.kept else "" for b in blocks]
        for index, (kept, _) in enumerate(clean_paragraphs(paragraphs)):
            if len(kept.split()) >= MIN_WORDS:
                items.append((name, index, kept))
    pairs = near_duplicate_pairs(
        items, threshold=threshold, num_perm=num_perm, shingle_size=shingle_size, progress=progress
    )
    return CorpusDedupResult(
        len(files) - len(failed),
        len(items),
        tuple(pairs),
        threshold,
        num_perm,
        shingle_size,
        tuple(failed),
    )

"""`precis score` and `precis compare` through typer's CliRunner: formats, inputs, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import sacrebleu
from typer.testing import CliRunner

from precis.cli import app

REFS = [
    "Le chat dort sur le canapé du salon.",
    "Les élèves de Montpellier ont manifesté mardi.",
    "L'été sera chaud dans le sud de la France.",
    "La grève des TER perturbe la région Occitanie.",
]
HYPS = [
    "Le chat dort sur le canapé.",
    "Les élèves de Montpellier manifestent mardi.",
    "L'été sera très chaud dans le sud.",
    "La grève des TER perturbe l'Occitanie.",
]
OTHER = ["Un chien court.", "Il pleut à Lille.", "Rien de nouveau.", "Les prix augmentent."]


def write(path: Path, lines: list[str], *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode(encoding))
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {
        "hyp": write(tmp_path / "hyp.txt", HYPS),
        "ref": write(tmp_path / "ref.txt", REFS),
        "other": write(tmp_path / "other.txt", OTHER),
    }


def run_json(runner: CliRunner, args: list[str], **kwargs: object) -> dict:
    result = runner.invoke(app, [*args, "--json"], **kwargs)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def bleu_of(data: dict) -> float:
    return next(s["value"] for s in data["scores"] if s["name"] == "BLEU")


def test_score_text_table_with_signatures(runner: CliRunner, files: dict[str, Path]) -> None:
    result = runner.invoke(
        app, ["score", "--hyp", str(files["hyp"]), "--ref", str(files["ref"]), "--lang", "fr"]
    )
    assert result.exit_code == 0, result.stderr
    for name in ("BLEU", "chrF2", "TER", "ROUGE-1", "ROUGE-Lsum"):
        assert name in result.stdout
    assert "bleu|nrefs:1|case:mixed|eff:no|tok:intl" in result.stdout
    assert "rouge|tok:precis-unicode-fr|lc:yes|stem:no|lsum:fr-sentences" in result.stdout
    expected = sacrebleu.corpus_bleu(HYPS, [REFS], tokenize="intl").score
    assert f"{expected:.2f}" in result.stdout


def test_score_json_equals_sacrebleu_and_has_segments(
    runner: CliRunner, files: dict[str, Path]
) -> None:
    args = ["score", "--hyp", str(files["hyp"]), "--ref", str(files["ref"]), "-m", "bleu,rouge"]
    data = run_json(runner, [*args, "--segments", "--confidence", "--seed", "3"])
    assert bleu_of(data) == sacrebleu.corpus_bleu(HYPS, [REFS]).score
    assert len(data["segments"]["ROUGE-L"]) == len(REFS)
    assert all(s["ci"] is not None for s in data["scores"])
    again = run_json(runner, [*args, "--segments", "--confidence", "--seed", "3"])
    assert again["scores"] == data["scores"]


def test_score_csv_and_markdown(runner: CliRunner, files: dict[str, Path]) -> None:
    args = ["score", "--hyp", str(files["hyp"]), "--ref", str(files["ref"]), "-m", "chrf"]
    out = runner.invoke(app, [*args, "--csv"])
    assert out.exit_code == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["metric"] == "chrF2"
    assert float(rows[0]["value"]) == sacrebleu.corpus_chrf(HYPS, [REFS]).score
    md = runner.invoke(app, [*args, "--markdown"])
    assert md.stdout.startswith("| Metric | Score |")
    both = runner.invoke(app, [*args, "--csv", "--json"])
    assert both.exit_code == 1 and "one output format" in both.stderr


def test_multiple_references(runner: CliRunner, files: dict[str, Path], tmp_path: Path) -> None:
    ref2 = write(tmp_path / "ref2.txt", OTHER)
    data = run_json(
        runner,
        ["score", "--hyp", str(files["hyp"]), "--ref", str(files["ref"]), "--ref", str(ref2)],
    )
    assert bleu_of(data) == sacrebleu.corpus_bleu(HYPS, [REFS, OTHER]).score
    assert "nrefs:2" in data["scores"][0]["signature"]


def test_mismatched_line_counts_name_both_files(
    runner: CliRunner, files: dict[str, Path], tmp_path: Path
) -> None:
    short = write(tmp_path / "short.txt", HYPS[:3])
    result = runner.invoke(app, ["score", "--hyp", str(short), "--ref", str(files["ref"])])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{short}: 3 lines" in result.stderr
    assert f"{files['ref']}: 4 lines" in result.stderr


def test_empty_file_is_an_error(runner: CliRunner, files: dict[str, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["score", "--hyp", str(empty), "--ref", str(files["ref"])])
    assert result.exit_code == 1
    assert str(empty) in result.stderr and "empty" in result.stderr


def test_empty_hypothesis_lines_are_kept(runner: CliRunner, tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", [HYPS[0], "", HYPS[2], HYPS[3]])
    ref = write(tmp_path / "ref.txt", REFS)
    data = run_json(runner, ["score", "--hyp", str(hyp), "--ref", str(ref), "--segments"])
    assert data["n_segments"] == 4
    assert data["segments"]["ROUGE-1"][1] == 0.0
    assert data["segments"]["BLEU"][1] == 0.0


def test_bom_and_crlf_score_like_clean_utf8(
    runner: CliRunner, files: dict[str, Path], tmp_path: Path
) -> None:
    dirty = tmp_path / "dirty.txt"
    dirty.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(HYPS).encode("utf-8") + b"\r\n")
    clean = run_json(runner, ["score", "--hyp", str(files["hyp"]), "--ref", str(files["ref"])])
    got = run_json(runner, ["score", "--hyp", str(dirty), "--ref", str(files["ref"])])
    assert got["scores"] == clean["scores"]


def test_non_utf8_input_names_the_file_and_the_fix(
    runner: CliRunner, files: dict[str, Path], tmp_path: Path
) -> None:
    latin = write(tmp_path / "latin.txt", HYPS, encoding="cp1252")
    result = runner.invoke(app, ["score", "--hyp", str(latin), "--ref", str(files["ref"])])
    assert result.exit_code == 1
    assert str(latin) in result.stderr and "--encoding" in result.stderr
    ref_latin = write(tmp_path / "ref-latin.txt", REFS, encoding="cp1252")
    args = ["score", "--hyp", str(latin), "--ref", str(ref_latin), "--encoding", "cp1252"]
    clean = run_json(runner, ["score", "--hyp", str(files["hyp"]), "--ref", str(files["ref"])])
    assert run_json(runner, args)["scores"] == clean["scores"]


def test_hypotheses_from_stdin(runner: CliRunner, files: dict[str, Path]) -> None:
    data = run_json(
        runner,
        ["score", "--hyp", "-", "--ref", str(files["ref"]), "-m", "bleu"],
        input="\n".join(HYPS) + "\n",
    )
    assert bleu_of(data) == sacrebleu.corpus_bleu(HYPS, [REFS]).score


def test_unknown_metric_lists_valid_ones(runner: CliRunner, files: dict[str, Path]) -> None:
    args = ["score", "--hyp", str(files["hyp"]), "--ref", str(files["ref"]), "-m", "bleurt"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "unknown metric 'bleurt'" in result.stderr
    assert "bleu, chrf, chrf++, rouge, ter" in result.stderr


def test_default_rouge_tokenizer_is_labelled(runner: CliRunner, files: dict[str, Path]) -> None:
    args = ["score", "--hyp", str(files["hyp"]), "--ref", str(files["ref"]), "-m", "rouge"]
    data = run_json(runner, [*args, "--rouge-tokenizer", "default"])
    assert "tok:rouge-score-default" in data["scores"][0]["signature"]


def test_docs_folders(runner: CliRunner, tmp_path: Path) -> None:
    hyp_dir, ref_dir = tmp_path / "out", tmp_path / "gold"
    for folder, lines in ((hyp_dir, HYPS), (ref_dir, REFS)):
        (folder / "a").mkdir(parents=True)
        write(folder / "a" / "doc1.txt", lines[:2])
        write(folder / "doc2.txt", lines[2:])
    args = ["score", "--docs", "--hyp", str(hyp_dir), "--ref", str(ref_dir), "-m", "bleu,rouge"]
    data = run_json(runner, args)
    assert [d["document"] for d in data["documents"]] == ["a/doc1.txt", "doc2.txt"]
    assert bleu_of(data["overall"]) == sacrebleu.corpus_bleu(HYPS, [REFS]).score
    text = runner.invoke(app, args)
    assert "a/doc1.txt" in text.stdout and "overall" in text.stdout
    (ref_dir / "doc2.txt").unlink()
    missing = runner.invoke(app, args)
    assert missing.exit_code == 1 and str(ref_dir / "doc2.txt") in missing.stderr


def test_compare_says_which_is_better_and_if_significant(
    runner: CliRunner, files: dict[str, Path]
) -> None:
    args = ["compare", "--ref", str(files["ref"]), str(files["other"]), str(files["hyp"])]
    result = runner.invoke(
        app, [*args, "-m", "bleu,rouge", "--samples", "200", "--ar-trials", "200"]
    )
    assert result.exit_code == 0, result.stderr
    assert "hyp vs other on ROUGE-1" in result.stdout
    assert "hyp is better" in result.stdout
    assert "p (AR)" in result.stdout
    data = run_json(runner, [*args, "-m", "rouge", "--samples", "200"])
    assert data["baseline"] == "other"
    assert all(r["better"] == "hyp" for r in data["results"])
    named_args = ["compare", "--ref", str(files["ref"]), f"A={files['other']}", f"B={files['hyp']}"]
    named = runner.invoke(app, [*named_args, "-m", "chrf", "--markdown"])
    assert named.exit_code == 0, named.stderr
    assert "B vs A on chrF2" in named.stdout


def test_compare_mismatched_system_names_the_file(
    runner: CliRunner, files: dict[str, Path], tmp_path: Path
) -> None:
    short = write(tmp_path / "short.txt", OTHER[:2])
    result = runner.invoke(
        app, ["compare", "--ref", str(files["ref"]), str(files["hyp"]), str(short)]
    )
    assert result.exit_code == 1
    assert f"{short}: 2 lines" in result.stderr

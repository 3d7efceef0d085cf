"""Reliability: bad models for `precis summarize --method abstractive` (issue 8).

A path that does not exist, a folder that is not a seq2seq model (a BERT encoder, junk files,
a broken config, damaged weights, missing or foreign tokenizer files), and a hub id that is not
in the local cache while HF_HUB_OFFLINE=1 (set for every test by conftest): each is one red
line naming the model and the way out, never a traceback nor a summary made of nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_checks import red_line

from precis.cli import app
from precis.corpora import SAMPLE_DIR
from precis.errors import ModelError
from precis.summarize import summarize

SEED = str(SAMPLE_DIR / "nato-rutte" / "article.fr.txt")
TEXT = "Le conseil municipal de Rennes a voté mardi un budget de douze millions d'euros."
UNCACHED = "moussaKam/barthez-orangesum-abstract"  # the default model: never cached in tests



def abstractive(runner, model: str | None, *extra: str):  # type: ignore[no-untyped-def]
    args = ["summarize", SEED, "--method", "abstractive", *extra]
    return runner.invoke(app, args + (["--model", model] if model else []))


@pytest.mark.parametrize("model", ["/nonexistent/precis/model", "./no-such-model", "~/nowhere/m"])
def test_a_model_path_that_does_not_exist(runner, model: str) -> None:  # type: ignore[no-untyped-def]
    red_line(abstractive(runner, model), model, "no such model folder", "check the path")


@pytest.mark.parametrize("model", [UNCACHED, None])
def test_offline_with_an_uncached_model_id(runner, model: str | None) -> None:  # type: ignore[no-untyped-def]
    red_line(
        abstractive(runner, model),
        f"model {UNCACHED!r}",
        "not in the local Hugging Face cache",
        "--method extractive",
    )


def test_offline_with_an_uncached_model_id_in_lines_mode(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs.txt"
    docs.write_text(f"{TEXT}\n", encoding="utf-8")
    result = runner.invoke(
        app, ["summarize", "--lines", str(docs), "--method", "abstractive", "--model", UNCACHED]
    )
    red_line(result, UNCACHED, "not in the local Hugging Face cache")


def test_library_raises_model_error_for_an_uncached_id() -> None:
    with pytest.raises(ModelError, match="not in the local Hugging Face cache"):
        summarize(TEXT, method="abstractive", model="precis-test/never-cached")


def test_a_bert_encoder_folder_is_not_a_summarizer(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "bert"
    folder.mkdir()
    config = {
        "model_type": "bert",
        "architectures": ["BertModel"],
        "hidden_size": 32,
        "num_hidden_layers": 1,
        "num_attention_heads": 2,
        "intermediate_size": 37,
        "vocab_size": 100,
    }
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    red_line(
        abstractive(runner, str(folder)),
        str(folder),
        "not a seq2seq model",
        "'bert' model",
        UNCACHED,
    )


def test_a_folder_of_junk_files(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "notes.txt").write_text("pas un modèle", encoding="utf-8")
    (folder / "weights.bin").write_bytes(bytes(range(256)))
    red_line(abstractive(runner, str(folder)), str(folder), "no config.json", "save_pretrained")
    (folder / "config.json").write_text("{not json", encoding="utf-8")
    red_line(abstractive(runner, str(folder)), str(folder), "not a loadable seq2seq model")


def _copy(tiny_bart: Path, tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(tiny_bart, folder)
    return folder


def test_damaged_weights(runner, tiny_bart: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(tiny_bart, tmp_path, "damaged")
    (folder / "model.safetensors").write_bytes(b"\x00garbage" * 16)
    red_line(abstractive(runner, str(folder)), str(folder), "cannot load the model", "damaged")


def test_missing_weights(runner, tiny_bart: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _copy(tiny_bart, tmp_path, "no-weights")
    (folder / "model.safetensors").unlink()
    red_line(abstractive(runner, str(folder)), str(folder), "not a loadable seq2seq model")


def test_missing_tokenizer_files_are_refused_not_summarized_from_nothing(
    runner, tiny_bart: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # transformers builds an empty tokenizer for such a folder: every text becomes <s></s>,
    # and the model would "summarize" nothing, with exit code 0.
    folder = _copy(tiny_bart, tmp_path, "no-tokenizer")
    for path in folder.iterdir():
        if "token" in path.name or path.suffix == ".model":
            path.unlink()
    red_line(
        abstractive(runner, str(folder)),
        str(folder),
        "tokenizer has no vocabulary",
        "save_pretrained",
    )


def test_a_foreign_tokenizer_is_refused(runner, tiny_bart: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from transformers import AutoTokenizer

    folder = _copy(tiny_bart, tmp_path, "foreign-tokenizer")
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model_rows = len(tokenizer)
    tokenizer.add_tokens([f"mot{i}" for i in range(200)])  # ids past the model's embeddings
    tokenizer.save_pretrained(folder)
    red_line(
        abstractive(runner, str(folder)),
        str(folder),
        f"tokenizer has {model_rows + 200} tokens",
        f"only {model_rows} embeddings",
    )


def test_the_intact_model_still_works(runner, tiny_bart: Path) -> None:  # type: ignore[no-untyped-def]
    args = ["summarize", "-", "--method", "abstractive", "--model", str(tiny_bart)]
    result = runner.invoke(app, [*args, "--words", "5", "--json"], input=TEXT)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["model"] == str(tiny_bart)
    assert "Loading weights" not in result.stderr  # no progress bar noise in logs and pipes

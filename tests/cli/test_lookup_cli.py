"""``pizhu lookup``: JSON shape, the word at an offset of a document, one-line errors.

The command runs through :func:`reader.cli.main` (``run_cli``) with
``reader.cli.dictionary_cmds`` registered for the test if ``COMMAND_MODULES`` does not
list it yet; the dictionary is loaded once for the module and handed to the command.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import reader.cli
from reader.cli import dictionary_cmds
from reader.core.dictionary import Dictionary
from reader.errors import UsageError
from tests.helpers import CliResult, run_cli

MODULE = "reader.cli.dictionary_cmds"
TEXT = "国务院关于推进京津冀协同发展的意见。\n堅持實事求是\n"


@pytest.fixture(scope="module")
def shared_dictionary(tmp_path_factory: pytest.TempPathFactory) -> Dictionary:
    return Dictionary.load(tmp_path_factory.getbasetemp() / "dictionary-cache", warm=False)


@pytest.fixture(autouse=True)
def _lookup_command(shared_dictionary: Dictionary, monkeypatch: pytest.MonkeyPatch) -> None:
    if MODULE not in reader.cli.COMMAND_MODULES:
        monkeypatch.setattr(reader.cli, "COMMAND_MODULES", (*reader.cli.COMMAND_MODULES, MODULE))
    monkeypatch.setattr(dictionary_cmds, "load_dictionary", lambda *, warm: shared_dictionary)


def lookup(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> CliResult:
    return run_cli(capsys, data_dir, "lookup", *args)


@pytest.fixture
def doc(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> int:
    path = tmp_path / "意见.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run_cli(capsys, data_dir, "import", str(path), "--json")
    assert result.code == 0, result.err
    return int(result.json()[0]["doc_id"])


def test_word_json_is_exact(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    result = lookup(capsys, data_dir, "京津冀", "--json")
    assert result.code == 0, result.err
    assert result.json() == {
        "query": "京津冀",
        "span": None,
        "entries": [
            {
                "simplified": "京津冀",
                "traditional": "京津冀",
                "pinyin": "Jīng Jīn Jì",
                "definitions": ["Jing-Jin-Ji (Beijing, Tianjin and Hebei Province)"],
            }
        ],
    }


def test_traditional_word_and_types(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    data = lookup(capsys, data_dir, "國務院", "--json").json()
    assert data["query"] == "國務院"
    [entry] = data["entries"]
    assert list(entry) == ["simplified", "traditional", "pinyin", "definitions"]
    assert (entry["simplified"], entry["pinyin"]) == ("国务院", "Guó wù yuàn")
    assert all(isinstance(d, str) for d in entry["definitions"])


def test_unknown_word_is_not_an_error(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    result = lookup(capsys, data_dir, "新质生产力", "--json")
    assert (result.code, result.err) == (0, "")
    assert result.json() == {"query": "新质生产力", "span": None, "entries": []}
    human = lookup(capsys, data_dir, "新质生产力")
    assert human.code == 0
    assert human.out.splitlines()[0] == "新质生产力  xīn zhì shēng chǎn lì  (not in CC-CEDICT)"
    assert "characters:" in human.out and "质 (質)  zhì" in human.out.splitlines()


def test_undecodable_word(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """A byte of argv that was not UTF-8: no headword, or the parser's usage error; never a
    traceback."""
    result = lookup(capsys, data_dir, "国\udcff", "--json")
    if result.code == 2:  # the parser refuses undecodable arguments
        assert len(result.err.splitlines()) == 1 and result.err.startswith("pizhu: error: ")
    else:
        assert (result.code, result.json()["entries"]) == (0, [])


def test_human_output(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    lines = lookup(capsys, data_dir, "实事求是").out.splitlines()
    assert lines[0] == "实事求是 (實事求是)  shí shì qiú shì"
    assert lines[1] == "  1. lit. to seek truth from facts (idiom)"
    assert "characters:" in lines
    assert lines[lines.index("characters:") + 1].startswith("实 (實)  shí")


def test_word_at_an_offset_of_a_document(
    capsys: pytest.CaptureFixture[str], data_dir: Path, doc: int
) -> None:
    at = TEXT.index("津")
    data = lookup(capsys, data_dir, "--doc", str(doc), "--at", str(at), "--json").json()
    assert data["query"] == "京津冀" and data["span"] == [at - 1, at + 2]
    assert data["entries"][0]["pinyin"] == "Jīng Jīn Jì"
    at = TEXT.index("求")
    data = lookup(capsys, data_dir, "--doc", str(doc), "--at", str(at), "--json").json()
    assert data["query"] == "實事求是" and data["entries"][0]["simplified"] == "实事求是"
    human = lookup(capsys, data_dir, "--doc", str(doc), "--at", "0")
    assert human.out.splitlines()[0] == "国务院  @0-3"


def test_offset_on_punctuation_finds_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, doc: int
) -> None:
    at = str(TEXT.index("。"))
    result = lookup(capsys, data_dir, "--doc", str(doc), "--at", at, "--json")
    assert result.code == 0
    assert result.json() == {"query": "", "span": None, "entries": []}
    human = lookup(capsys, data_dir, "--doc", str(doc), "--at", at)
    assert human.out == f"no word at offset {at} (whitespace or punctuation)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["京津冀", "--doc", "1", "--at", "0"], "not both"),
        (["京津冀", "--doc", "1"], "not both"),
        (["--at", "3"], "--at needs --doc"),
        (["--doc", "1"], "--doc needs --at"),
        ([], "lookup needs a WORD"),
        ([""], "empty"),
        (["  "], "empty"),
        (["--doc", "1", "--at", "-1"], "offset"),
        (["--doc", "1", "--at", "x"], "offset"),
        (["--doc", "0", "--at", "1"], "document id"),
    ],
)
def test_bad_arguments_are_one_line_usage_errors(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    result = lookup(capsys, data_dir, *args)
    assert result.code == 2, result
    assert result.out == ""
    assert len(result.err.splitlines()) == 1 and result.err.startswith("pizhu: error: ")
    assert message in result.err


def test_offset_out_of_range(capsys: pytest.CaptureFixture[str], data_dir: Path, doc: int) -> None:
    result = lookup(capsys, data_dir, "--doc", str(doc), "--at", str(len(TEXT)))
    assert result.code == 2
    assert result.err == (
        f"pizhu: error: offset {len(TEXT)} is out of range: document {doc} has"
        f" {len(TEXT)} characters (offsets 0 to {len(TEXT) - 1})\n"
    )


def test_missing_document_is_a_failure(
    capsys: pytest.CaptureFixture[str], data_dir: Path, doc: int
) -> None:
    result = lookup(capsys, data_dir, "--doc", str(doc + 1), "--at", "0")
    assert result.code == 1 and len(result.err.splitlines()) == 1


def test_handler_directly(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    args = argparse.Namespace(word="京津冀", doc=None, at=None, json=True)
    assert dictionary_cmds.cmd_lookup(args, data_dir) == 0
    assert '"query": "京津冀"' in capsys.readouterr().out
    with pytest.raises(UsageError, match="not both"):
        dictionary_cmds.cmd_lookup(argparse.Namespace(word="京", doc=1, at=0, json=False), data_dir)

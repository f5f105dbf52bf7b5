"""`pizhu FILE.txt` and `pizhu pizhu://...` reach the GUI; subcommands are untouched."""

from __future__ import annotations

from pathlib import Path

from reader.cli import build_parser
from reader.cli.launch import command_names, split_targets

COMMANDS = {"import", "list", "install-desktop"}


def test_commands_are_found() -> None:
    assert {"import", "list", "install-desktop"} <= command_names(build_parser())


def test_targets_are_taken_out() -> None:
    argv = ["--data-dir", "lib.d", "notes.txt", "pizhu://open?doc=3&pos=120", "--lang", "zh"]
    rest, targets = split_targets(argv, COMMANDS)
    assert rest == ["--data-dir", "lib.d"]
    assert targets == ["notes.txt", "pizhu://open?doc=3&pos=120", "--lang", "zh"]
    assert split_targets(["--smoke-test", "--smoke-result", "r.json"], COMMANDS) == (
        ["--smoke-test"],
        ["--smoke-result", "r.json"],
    )


def test_subcommands_keep_their_arguments() -> None:
    argv = ["--data-dir", "d", "import", "a.txt", "b.md"]
    assert split_targets(argv, COMMANDS) == (argv, [])


def test_existing_file_without_suffix(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README").write_text("x", encoding="utf-8")
    assert split_targets(["README"], COMMANDS) == ([], ["README"])
    assert split_targets(["lisst"], COMMANDS) == (["lisst"], [])  # argparse reports it
    assert split_targets(["--", "list"], COMMANDS) == ([], ["list"])

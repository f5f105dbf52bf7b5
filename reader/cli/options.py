"""Options many subcommands share, declared once and given to them as argparse parents.

``sub.add_parser(name, parents=[JSON])`` copies the option in; each subcommand parses
it exactly as if it had declared it itself (in its help it is listed right after
``-h``).
"""

from __future__ import annotations

import argparse


def _json_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--json", action="store_true")
    return parent


JSON = _json_option()
"""``--json``: print the result as JSON instead of text."""

"""Only one thing pyproject.toml cannot say: put the top-level data folders into the wheel.

``resources/`` and ``library/`` (and the Linux launcher files) live at the top of the
checkout, where the app finds them when run from source. A wheel has no checkout, so
they are copied in as ``reader/resources``, ``reader/library`` and
``reader/packaging/linux``: the places ``reader.platform.resources.bundled_dir`` looks in
an installed package (the PyInstaller spec uses the same layout). Editable installs
skip the copy and keep using the checkout.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_DIRS = {"resources": "resources", "library": "library", "packaging/linux": "packaging/linux"}


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for source, target in DATA_DIRS.items():
            shutil.copytree(
                ROOT / source,
                Path(self.build_lib) / "reader" / target,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("*.ts", "__pycache__", "install-system-deps.sh"),
            )


setup(cmdclass={"build_py": BuildPyWithData})

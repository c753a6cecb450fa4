"""The import-linter contract in pyproject.toml holds, and catches a back-flow."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("newsroom", "articles", "photos", "officials", "topics", "persian")
LINT = Path(sys.executable).with_name("lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's packages, to break on purpose."""
    for name in PACKAGES:
        shutil.copytree(
            ROOT / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_layers_hold_in_the_project():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "breach"),
    [
        # The toolkit reaching up into an app.
        ("persian/leak.py", "from articles import models\n", "persian.leak"),
        # An app reaching up into the wiring.
        ("topics/leak.py", "from newsroom import settings\n", "topics.leak"),
        # A lower content app importing a higher one.
        ("officials/leak.py", "import articles.search\n", "officials.leak"),
    ],
)
def test_an_import_against_the_layers_fails_the_check(tree, module, line, breach):
    (tree / module).write_text(line)
    result = lint(tree)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout
    assert breach in result.stdout

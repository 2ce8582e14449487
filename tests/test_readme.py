"""The README's two commands stay true: CI runs exactly the README's test command."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick, flags=re.S)


def test_readme_has_main_job_and_test_commands() -> None:
    main_job, tests = readme_commands()[:2]
    assert "pip install" in main_job
    assert "claimbench " in main_job
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


def test_help_does_not_import_heavy_packages() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from bench.cli import app; "
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
        "heavy = [m for m in ('datasets', 'sklearn', 'scipy', 'openai', 'pyarrow') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"

"""The content checks' report where each reader looks for it.

Every problem the content checks find is one line, `path:line: field: what is wrong — how
to fix it` (plugins/content_checks), and, when CONTENT_CHECKS_REPORT_FILE names a file, a
record there in JSON. This module runs the checks, reads that file and shows the problems:
- on a GitHub pull request: as `::error file=…,line=…::` annotations beside the changed
  lines, and as a plain-words table in the job's summary ($GITHUB_STEP_SUMMARY);
- after `invoke check`: how many drafts the published site will leave out.

Run in CI as `python -m tools.content_report` (it runs `invoke check` itself).
"""

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sitebuild.headers import read_fields

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    what: str
    fix: str


def read_problems(report_file):
    """The problems the content checks wrote to `report_file` (none if it was not written)."""
    if not Path(report_file).exists():
        return []
    return [Problem(**entry) for entry in json.loads(Path(report_file).read_text("utf-8"))]


def escape(value, in_property=False):
    """GitHub's workflow-command escaping (%, CR, LF; also : and , in properties)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if in_property else value


def annotations(problems):
    lines = []
    for p in problems:
        where = f"file={escape(p.path, True)}" + (f",line={p.line}" if p.line else "")
        title = escape(f"{p.field}: {p.what}", True)
        lines.append(f"::error {where},title={title}::{escape(f'{p.what} — {p.fix}')}")
    return lines


def summary(problems):
    """A Markdown table for the job summary, in the authors' words."""
    if not problems:
        return "### Content checks passed\n\nEvery article and page can be published.\n"
    noun = "problem" if len(problems) == 1 else "problems"
    rows = [
        f"### Content checks: {len(problems)} {noun} to fix before this can be published\n",
        "| where | field | what is wrong | how to fix it |",
        "|---|---|---|---|",
    ]
    for p in problems:
        where = f"`{p.path}`" + (f" line {p.line}" if p.line else "")
        cells = [where, p.field, p.what, p.fix]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def drafts(content=ROOT / "content"):
    """Articles and pages whose Status is draft: the published site leaves them out."""
    return [
        path
        for path in sorted(content.rglob("*.md"))
        if read_fields(path).get("status", "").strip().lower() == "draft"
    ]


def drafts_note(found, root=ROOT):
    if not found:
        return "Every article and page is ready to publish."
    names = ", ".join(str(p.relative_to(root)) for p in found)
    count = f"{len(found)} draft" + ("s" if len(found) > 1 else "")
    verb = "is" if len(found) == 1 else "are"
    return f"{count} {verb} not going to be published until set to `Status: published`: {names}"


def main():
    with tempfile.TemporaryDirectory(prefix="content-report-") as folder:
        report_file = Path(folder) / "problems.json"
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "check"],
            cwd=ROOT,
            env={**os.environ, "CONTENT_CHECKS_REPORT_FILE": str(report_file)},
            capture_output=True,
            text=True,
            check=False,
        )
        problems = read_problems(report_file)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    print("\n".join(annotations(problems)))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(summary(problems))
            if result.returncode and not problems:
                handle.write("\nThe build failed; its log above says why.\n")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())

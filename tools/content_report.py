"""The content checks' report where each reader looks for it.

Every problem the build reports is one line, `path:line: field: what is wrong — how to fix
it` (plugins/content_checks). This module reads those lines back and shows them:
- on a GitHub pull request: as `::error file=…,line=…::` annotations beside the changed
  lines, and as a plain-words table in the job's summary ($GITHUB_STEP_SUMMARY);
- after `invoke check`: how many drafts the published site will leave out.

Run in CI as `python -m tools.content_report` (it runs `invoke check` itself).
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sitebuild.headers import read_fields

ROOT = Path(__file__).resolve().parent.parent
PROBLEM_LINE = re.compile(
    r"^(?P<path>[^\s:][^:]*\.[A-Za-z0-9]+)(?::(?P<line>\d+))?: (?P<field>[^:]+): "
    r"(?P<what>.+?) — (?P<fix>.+)$"
)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    what: str
    fix: str


def read_problems(report):
    """The problems in a build's printed report, in order, each once."""
    found = []
    for text in report.splitlines():
        match = PROBLEM_LINE.match(text.strip())
        if match:
            problem = Problem(
                match["path"], int(match["line"] or 0), match["field"].strip(),
                match["what"].strip(), match["fix"].strip(),
            )  # fmt: skip
            if problem not in found:
                found.append(problem)
    return found


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
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    problems = read_problems(result.stdout + "\n" + result.stderr)
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

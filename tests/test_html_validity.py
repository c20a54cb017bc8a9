"""Every generated HTML page, of both builds, is valid HTML for the Nu HTML
Checker (vnu.jar), checked in one Java call."""

import json
import subprocess
from pathlib import Path


def test_every_generated_page_is_valid_html(nu_checker, dev_site, published_site, tmp_path):
    # A page with a known mistake rides along, so a checker that checks nothing cannot pass.
    planted = tmp_path / "planted" / "broken.html"
    planted.parent.mkdir()
    planted.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        "<body><p><div>block in a paragraph's place</p></body></html>",
        encoding="utf-8",
    )
    folders = [dev_site.root, published_site.root, planted.parent]
    command = [*nu_checker, "--errors-only", "--skip-non-html"]
    command += ["--format", "json", "--stdout", *map(str, folders)]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            path = Path(message["url"].removeprefix("file:"))
            errors.setdefault(path, []).append(
                f"line {message.get('lastLine')}: {message['message']}"
            )
    assert planted in errors, "the checker did not report the planted mistake"
    del errors[planted]
    report = "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in errors.items())
    assert errors == {}, report
    pages = len(dev_site.pages()) + len(published_site.pages())
    assert pages > 80

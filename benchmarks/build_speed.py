"""Build-speed benchmark: bare Pelican against our full published build, cold and warm.

    .venv/bin/invoke bench                                  # sizes 100 and 1000
    .venv/bin/python benchmarks/build_speed.py --sizes 100,1000,4000 --rounds 2

For each corpus size (benchmarks/corpus.py writes the articles), and for each round, it
builds one after another:

  (a) bare Pelican 4.12: its default theme, default Markdown, no plugins
      (benchmarks/bare_pelicanconf.py), on the same corpus;
  (b) our site cold: publishconf.py exactly as a publish builds it (theme, every plugin,
      content checks, feeds; then sitebuild.pipeline's minification, search index and
      link check), no cache;
  (c) our site warm: (b) again after editing one article, with the cache (b) left;
  (d) the preview build `invoke livereload` runs on each save (pelicanconf.py), warm,
      after editing one article (benchmarks/livereload_latency.py times the whole
      save-to-browser round trip).

and prints seconds, milliseconds per article, CPU seconds, peak memory and the ratios
(b)/(a) and (c)/(a) against their goals, in seconds and in CPU seconds (medians over
the rounds). Then the article-page weight figures of benchmarks/page_weight.py. The
table is also saved in benchmarks/results/ (git-ignored).

Timings on a shared machine are noisy: CPU seconds vary less than wall seconds.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path[:0] = [str(BENCHMARKS), str(ROOT)]

from corpus import article_slug, write_corpus  # noqa: E402

from sitebuild.headers import read_fields  # noqa: E402
from sitebuild.pipeline import pelican_command  # noqa: E402

RESULTS = BENCHMARKS / "results"
PAGE_WEIGHT = BENCHMARKS / "page_weight.py"
KINDS = {
    "a": "bare Pelican, default theme, no plugins",
    "b": "ours, publishconf.py, cold (no cache)",
    "c": "ours, warm, after editing one article",
    "d": "preview (livereload), warm, one edit",
}


# sitebuild.pipeline.build_site on another corpus and cache: every step of a build.
OUR_BUILD = """
import os, sys
from pathlib import Path
from sitebuild.pipeline import build_site
corpus, settings, output, cache = sys.argv[1:]
os.environ["SITE_CONTENT"] = corpus  # the corpus's data/, not content/'s (corpus.py)
build_site(settings, output, content=Path(corpus), cache=Path(cache))
"""


def our_build(corpus, settings, output, cache):
    return [sys.executable, "-c", OUR_BUILD, str(corpus), str(settings), str(output), str(cache)]


def bare_template_stubs(corpus, folder):
    """Our pages name templates of our theme (`Template: contact`); for bare Pelican each
    such name becomes its default theme's page template, so the corpus stays the same."""
    folder.mkdir(parents=True, exist_ok=True)
    for page in (corpus / "pages").glob("*.md"):
        template = read_fields(page).get("template")
        if template:
            stub = folder / f"{template}.html"
            stub.write_text('{% extends "!simple/page.html" %}\n', encoding="utf-8")
    return ["--extra-settings", f"THEME_TEMPLATES_OVERRIDES={json.dumps([str(folder)])}"]


def tree_memory(pid):
    """Memory (bytes) of a process and all its descendants: the sum of their proportional
    set sizes (PSS, from /proc), so pages forked workers share are counted once."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total * 1024


def timed_build(command):
    """Run one build; return wall seconds, CPU seconds and peak memory (MiB).

    Peak memory is given twice: the largest single process (the kernel's maxrss of the
    build and its children) and the whole process tree's, sampled every 20 ms.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak_tree = 0
    done = threading.Event()

    def sample():
        nonlocal peak_tree
        while not done.wait(0.02):
            peak_tree = max(peak_tree, tree_memory(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"Build failed: {' '.join(command)}\n{output[-4000:]}")
    return {
        "seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_mib_largest": usage.ru_maxrss / 1024,
        "peak_mib_tree": peak_tree / 2**20,
    }


def edit_one_article(corpus, size, round_number):
    """Change one article's text, as an author saving an edit would."""
    path = corpus / "articles" / f"{article_slug(size // 2)}.md"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\nAn edit made for the benchmark, round {round_number}.\n")


def run_size(size, rounds, workdir):
    corpus = write_corpus(size)
    cache = workdir / f"cache-{size}"
    bare_extra = bare_template_stubs(corpus, workdir / f"bare-templates-{size}")
    runs = {kind: [] for kind in KINDS}
    for round_number in range(1, rounds + 1):
        for kind in KINDS:
            output = workdir / f"output-{size}-{kind}"
            shutil.rmtree(output, ignore_errors=True)
            if kind == "a":
                bare = BENCHMARKS / "bare_pelicanconf.py"
                command = pelican_command(bare, output, corpus)
                command += ["--cache-path", str(workdir / "bare-cache"), *bare_extra]
            elif kind == "d":
                # What `invoke livereload` runs on each save: a warm-up build, then the edit.
                command = our_build(corpus, ROOT / "pelicanconf.py", output, cache)
                timed_build(command)
                shutil.rmtree(output, ignore_errors=True)
                edit_one_article(corpus, size, f"{round_number}, preview")
            else:
                if kind == "b":
                    shutil.rmtree(cache, ignore_errors=True)
                else:
                    edit_one_article(corpus, size, round_number)
                command = our_build(corpus, ROOT / "publishconf.py", output, cache)
            result = timed_build(command)
            runs[kind].append(result)
            print(
                f"  {size:>5} articles, round {round_number}, ({kind}): {result['seconds']:.2f} s",
                file=sys.stderr,
                flush=True,
            )
            shutil.rmtree(output, ignore_errors=True)
    return {
        kind: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for kind, results in runs.items()
    }


# Issue 14's budgets, against bare Pelican on the same corpus: (kind, limit).
GOALS = [("cold (b)/(a)", "b", 1.6), ("warm (c)/(a)", "c", 1.0)]


def goal_line(name, ratio, limit):
    return f"{name} = {ratio:.2f} (goal <= {limit}: {'met' if ratio <= limit else 'not met'})"


def format_table(results, machine):
    lines = [
        f"Build speed, {machine}",
        "Medians over the rounds; (a) to (d) alternate within each round.",
        "",
        f"{'articles':>8}  {'build':<42} {'seconds':>8} {'ms/article':>10} {'CPU s':>7} "
        f"{'peak MiB (largest / all)':>25}",
    ]
    for size, by_kind in results.items():
        for kind, label in KINDS.items():
            r = by_kind[kind]
            lines.append(
                f"{size:>8}  ({kind}) {label:<38} {r['seconds']:>8.2f} "
                f"{1000 * r['seconds'] / size:>10.1f} {r['cpu_seconds']:>7.2f} "
                f"{r['peak_mib_largest']:>13.0f} / {r['peak_mib_tree']:<9.0f}"
            )
        for unit, key in (("seconds", "seconds"), ("CPU seconds", "cpu_seconds")):
            ratios = [
                goal_line(name, by_kind[kind][key] / by_kind["a"][key], limit)
                for name, kind, limit in GOALS
            ]
            lines.append(f"{'':>8}  ratios of {unit}: {';  '.join(ratios)}")
        lines.append(
            f"{'':>8}  edit-to-browser time with livereload: benchmarks/livereload_latency.py"
        )
    if 1000 in results and 4000 in results:
        scale = results[4000]["b"]["seconds"] / results[1000]["b"]["seconds"]
        lines.append(f"4000 vs 1000 articles, (b): {scale:.2f}x the time (goal <= 4.4)")
    return "\n".join(lines)


def machine_description():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            model = next(
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores ({model}), Python {sys.version.split()[0]}, load {load}"


def page_weight_report():
    """The theme's article-page weight figures, from benchmarks/page_weight.py."""
    result = subprocess.run(
        [sys.executable, str(PAGE_WEIGHT)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        return f"Page weight: benchmarks/page_weight.py failed:\n{result.stdout}{result.stderr}"
    return result.stdout.rstrip()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="100,1000", help="comma-separated corpus sizes (default 100,1000)"
    )
    parser.add_argument("--rounds", type=int, default=1, help="rounds per size (default 1)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    machine = machine_description()
    results = {}
    with tempfile.TemporaryDirectory(prefix="build-speed-") as workdir:
        for size in sizes:
            results[size] = run_size(size, args.rounds, Path(workdir))
    report = format_table(results, machine) + "\n\n" + page_weight_report()
    print(report)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"build-speed-{stamp}.txt").write_text(report + "\n", encoding="utf-8")
    (RESULTS / f"build-speed-{stamp}.json").write_text(
        json.dumps({"machine": machine, "results": results}, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()

"""The ieg-reports benchmark: build times, memory, parallel speed-up, and the usual alternatives.

Usage:  .venv/bin/python bench/run.py [--scales 1,10,100] [--repeats 3] [--no-alternatives]

Every figure is measured in this one run (the machines are shared and noisy: compare ratios,
not seconds from another day). Builds run as fresh processes, as a user runs them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import edit_one_resource, write_scaled

BUILD = [sys.executable, "-m", "ieg_reports", "build", "-q"]


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)], rss[int(entry)] = int(fields[1]), int(fields[21]) * page
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += [child for child, parent in parents.items() if parent == pid]
    return total


def timed_build(workbook: Path, output: Path, jobs: int) -> tuple[float, int]:
    """Seconds and peak memory (whole process tree) of one `ieg-reports build`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [*BUILD, str(workbook), "-o", str(output), "-j", str(jobs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak = 0

    def watch() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)

    thread = threading.Thread(target=watch)
    thread.start()
    _, errors = process.communicate()
    thread.join()
    if process.returncode != 0:
        raise RuntimeError(errors.decode("utf-8", "replace"))
    return time.perf_counter() - start, peak


def _stats(values: list[float]) -> str:
    median = statistics.median(values)
    spread = (max(values) - min(values)) / 2
    return f"{median:.2f} s ± {spread:.2f}".replace(".", ",")


def bench_scale(factor: int, repeats: int, jobs: int, root: Path) -> dict[str, object]:
    """Cold build, no-op rebuild and one-resource edit at one scale."""
    book = write_scaled(root / f"atelier-x{factor}", factor)
    cold, peaks = [], []
    for n in range(repeats):
        seconds, peak = timed_build(book, root / f"cold-{factor}-{n}", jobs)
        cold.append(seconds)
        peaks.append(peak)
    out = root / f"cold-{factor}-0"
    noop = [timed_build(book, out, jobs)[0] for _ in range(repeats)]
    edit = []
    for n in range(repeats):
        edit_one_resource(book, n)
        edit.append(timed_build(book, out, jobs)[0])
    themes = 11 * factor
    return {
        "factor": factor,
        "themes": themes,
        "cold": cold,
        "noop": noop,
        "edit": edit,
        "peak": max(peaks),
        "per_theme": statistics.median(cold) / themes,
    }


def bench_jobs(factor: int, repeats: int, root: Path) -> tuple[list[float], list[float]]:
    """Cold builds with one worker and with two."""
    book = write_scaled(root / f"atelier-jobs-x{factor}", factor)
    one = [timed_build(book, root / f"j1-{n}", 1)[0] for n in range(repeats)]
    two = [timed_build(book, root / f"j2-{n}", 2)[0] for n in range(repeats)]
    return one, two


def bench_alternatives(repeats: int) -> list[tuple[str, list[float] | None]]:
    """One pack's content through our PDF writer, WeasyPrint, and python-docx + LibreOffice."""
    from html_route import libreoffice_pdf, weasyprint_pdf

    from ieg_reports.api import SAMPLE_WORKBOOK, load_workshop
    from ieg_reports.charts.assets import resolve_assets
    from ieg_reports.compose import compose_pack
    from ieg_reports.pipeline.slices import pack_slice
    from ieg_reports.render.docx_writer import render_docx
    from ieg_reports.render.pdf_writer import render_pdf
    from ieg_reports.resources import default_templates
    from ieg_reports.style import load_style

    workshop = pack_slice(load_workshop(SAMPLE_WORKBOOK).workshop, "T02")
    style = load_style(default_templates() / "style.toml")
    document = compose_pack(workshop, workshop.theme("T02"))
    reference = default_templates() / "reference.docx"
    assets = resolve_assets(document, workshop, style)

    def ours() -> object:
        return render_pdf(document, assets, style)

    def weasy() -> object:
        return weasyprint_pdf(document, assets)

    def office() -> object:
        docx, _ = render_docx(document, assets, reference, style.colors)
        return libreoffice_pdf(docx)

    results: list[tuple[str, list[float] | None]] = []
    for name, route in (
        ("ieg-reports (reportlab)", ours),
        ("HTML → PDF (WeasyPrint)", weasy),
        ("python-docx → PDF (LibreOffice)", office),
    ):
        route()  # warm-up: imports, fonts, caches
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            if route() is None:
                times = []
                break
            times.append(time.perf_counter() - start)
        results.append((name, times or None))
    return results


def report(
    scales: list[dict[str, object]],
    jobs: tuple[int, list[float], list[float]] | None,
    alternatives: list[tuple[str, list[float] | None]] | None,
    cores: int,
) -> str:
    """The Markdown tables the README quotes."""
    lines = [
        f"Mesures d'une même exécution ({cores} cœurs, {scales and len(scales[0]['cold'])} répétitions ; "
        "médiane ± demi-étendue).",
        "",
        "| Atelier | Thèmes | Construction complète | Reconstruction sans changement | "
        "Après modification d'une ressource | Par thème | Mémoire max. |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scales:
        lines.append(
            f"| {s['factor']}× | {s['themes']} | {_stats(s['cold'])} | {_stats(s['noop'])} | "
            f"{_stats(s['edit'])} | {s['per_theme']:.3f} s | {int(s['peak']) / 2**20:.0f} Mio |".replace(
                ".", ","
            )
        )
    if jobs:
        factor, one, two = jobs
        ratio = statistics.median(one) / statistics.median(two)
        lines += [
            "",
            f"Parallélisme, atelier {factor}× : `--jobs 1` {_stats(one)}, `--jobs 2` {_stats(two)}, "
            f"accélération ×{ratio:.2f}".replace(".", ","),
        ]
    if alternatives:
        ours = statistics.median(alternatives[0][1] or [float("nan")])
        lines += [
            "",
            "| Même dossier documentaire (T02) | Temps | Notre temps / le leur |",
            "|---|---:|---:|",
        ]
        for name, times in alternatives:
            if times is None:
                lines.append(f"| {name} | non disponible | — |")
            else:
                lines.append(
                    f"| {name} | {_stats(times)} | {ours / statistics.median(times):.2f} |".replace(
                        ".", ",", 1
                    )
                )
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scales", default="1,10,100", help="multiples of the sample (défaut : 1,10,100)"
    )
    parser.add_argument("--repeats", type=int, default=3, help="répétitions de chaque mesure")
    parser.add_argument(
        "--jobs-scale",
        type=int,
        default=0,
        help="atelier pour --jobs 1 / 2 (défaut : le plus grand)",
    )
    parser.add_argument(
        "--no-alternatives", action="store_true", help="sans WeasyPrint ni LibreOffice"
    )
    args = parser.parse_args()
    factors = [int(f) for f in args.scales.split(",")]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="ieg-bench-") as tmp:
        root = Path(tmp)
        scales = []
        for factor in factors:
            repeats = args.repeats if factor < 100 else max(1, args.repeats - 1)
            scales.append(bench_scale(factor, repeats, cores, root))
            print(f"… {factor}× mesuré", file=sys.stderr)
        jobs_factor = args.jobs_scale or max(factors)
        one, two = bench_jobs(jobs_factor, 1 if jobs_factor >= 100 else args.repeats, root)
        alternatives = None if args.no_alternatives else bench_alternatives(args.repeats)
    print(report(scales, (jobs_factor, one, two), alternatives, cores))


if __name__ == "__main__":
    main()

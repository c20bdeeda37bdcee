"""The ieg-reports benchmark: build times, memory, parallel speed-up, and the usual alternatives.

Usage:  .venv/bin/python bench/run.py [--scales 1,10,100] [--repeats 3] [--repeats-large 1]
                                      [--no-alternatives]
(WeasyPrint: pip install -e '.[bench]'; LibreOffice: soffice on the PATH.)

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


def bench_documents(repeats: int) -> tuple[list[tuple[str, dict[str, float | None]]], float | None]:
    """One pack and the synthesis through every route; WeasyPrint on every pack of the sample."""
    from documents import fresh_assets, measure, routes_for
    from html_route import weasyprint_pdf

    from ieg_reports.api import SAMPLE_WORKBOOK, load_workshop
    from ieg_reports.compose import compose_pack, compose_synthesis
    from ieg_reports.config import Config
    from ieg_reports.pipeline.slices import pack_slice, synthesis_slice
    from ieg_reports.pipeline.targets import pack_themes
    from ieg_reports.resources import default_templates
    from ieg_reports.style import load_style

    workshop = load_workshop(SAMPLE_WORKBOOK).workshop
    style = load_style(default_templates() / "style.toml")
    reference = default_templates() / "reference.docx"
    pack = pack_slice(workshop, "T02")
    documents = [
        ("Dossier T02", compose_pack(pack, pack.theme("T02")), pack),
        ("Synthèse", compose_synthesis(synthesis_slice(workshop)), synthesis_slice(workshop)),
    ]
    rows = []
    for name, document, sliced in documents:
        # A document costs a fraction of a second: at least five interleaved runs each.
        routes = routes_for(name, document, sliced, style, reference)
        rows.append((name, measure(routes, max(5, repeats))))
        print(f"… {name} mesuré", file=sys.stderr)
    seconds = 0.0
    for theme in pack_themes(workshop, Config()):
        sliced = pack_slice(workshop, theme.code)
        document = compose_pack(sliced, sliced.theme(theme.code))
        assets = fresh_assets(document, sliced, style)  # our charts, not WeasyPrint's work
        start = time.perf_counter()
        if weasyprint_pdf(document, assets) is None:
            return rows, None
        seconds += time.perf_counter() - start
    return rows, seconds


def report(
    scales: list[dict[str, object]],
    jobs: tuple[int, list[float], list[float]] | None,
    documents: tuple[list[tuple[str, dict[str, float | None]]], float | None] | None,
    cores: int,
) -> str:
    """The Markdown tables the README quotes, and each goal of issue 10 met or not."""
    from documents import table

    counts = {len(s["cold"]) for s in scales}  # type: ignore[arg-type]
    repeats = " ou ".join(str(n) for n in sorted(counts, reverse=True)) or "0"
    lines = [
        f"Mesures d’une même exécution ({cores} cœurs, {repeats} "
        f"répétition{'s' if max(counts, default=0) > 1 else ''} par atelier ; médiane ± "
        "demi-étendue ; processus neufs, comme un utilisateur).",
        "",
        "| Atelier | Thèmes | Construction complète | Sans changement | "
        "Une ressource modifiée | Modifiée / complète | Par thème | Mémoire max. |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scales:
        share = statistics.median(s["edit"]) / statistics.median(s["cold"])  # type: ignore[arg-type]
        lines.append(
            f"| {s['factor']}× | {s['themes']} | {_stats(s['cold'])} | {_stats(s['noop'])} | "  # type: ignore[arg-type]
            f"{_stats(s['edit'])} | {share:.2f} | {s['per_theme']:.3f} s | "  # type: ignore[arg-type]
            f"{int(s['peak']) / 2**20:.0f} Mio |".replace(".", ",")  # type: ignore[call-overload]
        )
    speedup = None
    if jobs:
        factor, one, two = jobs
        speedup = statistics.median(one) / statistics.median(two)
        lines += [
            "",
            f"Parallélisme, atelier {factor}× : `--jobs 1` {_stats(one)}, `--jobs 2` {_stats(two)}, "
            f"accélération ×{speedup:.2f}".replace(".", ","),
        ]
    if documents:
        rows, weasy_packs = documents
        lines += [
            "",
            "Un document par chaque voie, dans ce processus, à chaud (temps CPU du processus, "
            "médiane ; LibreOffice : temps écoulé). Notre .docx embarque les polices (sous-"
            "ensembles des quatre styles), python-docx nu n’en embarque aucune.",
            "",
            table(rows),
        ]
        if weasy_packs is not None:
            lines += [
                "",
                f"WeasyPrint, les dossiers du modèle seuls : {weasy_packs:.2f} s".replace(".", ","),
            ]
    lines += ["", *goals(scales, speedup, documents)]
    return "\n".join(lines)


def goals(
    scales: list[dict[str, object]],
    speedup: float | None,
    documents: tuple[list[tuple[str, dict[str, float | None]]], float | None] | None,
) -> list[str]:
    """Each measurable goal of the issue, met or not, with its figure."""
    out = ["| Objectif | Mesure | Atteint |", "|---|---:|:---:|"]

    def row(goal: str, value: str, met: bool) -> None:
        out.append(f"| {goal} | {value} | {'oui' if met else 'non'} |")

    by = {s["factor"]: s for s in scales}
    if documents:
        pack = dict(documents[0]).get("Dossier T02")
        if pack and pack["ours_pdf"] and pack["bare_pdf"]:
            r = pack["ours_pdf"] / pack["bare_pdf"]
            row("Dossier PDF ≤ 1,3 × platypus nu", f"×{r:.2f}".replace(".", ","), r <= 1.3)
        if pack and pack["ours_docx"] and pack["bare_docx"]:
            r = pack["ours_docx"] / pack["bare_docx"]
            row("Dossier .docx ≤ 1,5 × python-docx nu", f"×{r:.2f}".replace(".", ","), r <= 1.5)
        if 1 in by and documents[1] is not None:
            cold = statistics.median(by[1]["cold"])  # type: ignore[arg-type]
            value = f"{cold:.2f} s / {documents[1]:.2f} s".replace(".", ",")
            row("Modèle complet à froid < WeasyPrint sur ses dossiers", value, cold < documents[1])
    if 1 in by:
        edit = statistics.median(by[1]["edit"])  # type: ignore[arg-type]
        cold = statistics.median(by[1]["cold"])  # type: ignore[arg-type]
        value = f"{edit:.2f} s, ×{edit / cold:.2f}".replace(".", ",")
        row(
            "Une ressource modifiée ≤ 1,0 s et ≤ 0,25 × complète",
            value,
            edit <= 1 and edit <= 0.25 * cold,
        )
        noop = statistics.median(by[1]["noop"])  # type: ignore[arg-type]
        row("Sans changement ≤ 0,25 s", f"{noop:.2f} s".replace(".", ","), noop <= 0.25)
    if 1 in by and 100 in by:
        r = float(by[100]["per_theme"]) / float(by[1]["per_theme"])  # type: ignore[arg-type]
        row("Par thème à 100× ≤ 1,2 × 1×", f"×{r:.2f}".replace(".", ","), r <= 1.2)
        cold = statistics.median(by[100]["cold"])  # type: ignore[arg-type]
        row("100× ≤ 60 s", f"{cold:.0f} s", cold <= 60)
        peak = int(by[100]["peak"]) / 2**30  # type: ignore[call-overload]
        row("Mémoire à 100× ≤ 1 Gio", f"{peak:.2f} Gio".replace(".", ","), peak <= 1)
    if speedup is not None:
        row("`--jobs 2` ≥ 1,8 × `--jobs 1`", f"×{speedup:.2f}".replace(".", ","), speedup >= 1.8)
    return out


def byte_compile() -> None:
    """Compile the package's modules as pip does when it installs the wheel.

    An editable install run with PYTHONDONTWRITEBYTECODE (as on the shared machines) would
    otherwise compile every module from source in every build, a cost no user pays.
    """
    import compileall

    import ieg_reports

    compileall.compile_dir(Path(ieg_reports.__file__).parent, quiet=1)


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
        "--repeats-large",
        type=int,
        default=0,
        help="répétitions à 100× et au-delà (défaut : une de moins que --repeats)",
    )
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
    byte_compile()
    with tempfile.TemporaryDirectory(prefix="ieg-bench-") as tmp:
        root = Path(tmp)
        documents = None if args.no_alternatives else bench_documents(args.repeats)
        scales = []
        for factor in factors:
            large = args.repeats_large or max(1, args.repeats - 1)
            repeats = args.repeats if factor < 100 else large
            scales.append(bench_scale(factor, repeats, cores, root))
            print(f"… {factor}× mesuré", file=sys.stderr)
        jobs_factor = args.jobs_scale or max(factors)
        one, two = bench_jobs(jobs_factor, 1 if jobs_factor >= 100 else args.repeats, root)
    print(report(scales, (jobs_factor, one, two), documents, cores))


if __name__ == "__main__":
    main()

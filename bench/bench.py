#!/usr/bin/env python3
"""Benchmark prd against the floors it cannot beat and a tool a team might use instead.

1. Generates a synthetic data set (default 500 documents x 60 items, ~30,000 items) with
   Chinese text recombined from the real document and the real unit names, deterministically
   from a seed.
2. Measures medians of several cold runs, side by side in one run:
   - `prd --help` against `python -c "import typer"`;
   - `prd list --unit 市商务局` on the shipped data against importing typer and yaml plus a
     libyaml parse of the same files (the floor), with prd's cache and with --no-cache;
   - `prd validate` on the large set against libyaml's own `yaml.compose` of the same files
     (the floor) and against `yamllint` (when installed);
   - `prd list --unit 市商务局` on the large set, with prd's cache and with --no-cache;
   - `prd report --period 2017H2` on the large set;
   - peak memory of `prd validate` on the large set against the size of the YAML text.
3. Prints a table and writes the figures as JSON.

Usage: python bench/bench.py [--docs 500] [--items 60] [--runs 5] [--out bench/out]
Needs prd installed in this Python (pip install .); yamllint is optional (pip install yamllint).
Timings are wall-clock and machine-dependent; the ratios are the point.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"


def _prd_command() -> list[str]:
    script = Path(sys.executable).parent / "prd"
    return [str(script)] if script.exists() else [sys.executable, "-m", "prd_cli"]


def _sentences() -> list[str]:
    import yaml

    doc = yaml.safe_load((SHIPPED / "measures.yaml").read_text(encoding="utf-8"))
    out = []
    for chapter in doc["chapters"]:
        for measure in chapter["measures"]:
            for item in measure["items"]:
                out += [s + "。" for s in item["text"].split("。") if s]
    return out


def generate(target: Path, docs: int, items: int, seed: int) -> dict[str, int]:
    """Write units.yaml, measures.yaml and documents/*.yaml; return counts and text size."""
    import yaml

    rng = random.Random(seed)
    sentences = _sentences()
    units = [u["name"] for u in yaml.safe_load((SHIPPED / "units.yaml").read_text(encoding="utf-8"))["units"]]
    if target.exists():
        shutil.rmtree(target)
    (target / "documents").mkdir(parents=True)
    shutil.copy(SHIPPED / "units.yaml", target / "units.yaml")
    chapters_per_doc = 6
    per_chapter = max(1, items // chapters_per_doc)
    total_items = 0
    for d in range(docs):
        key = f"bench-{d:03d}"
        lines = [
            "document:",
            f"  key: {key}",
            f"  number: 东府办〔{2017 + d % 5}〕{100 + d}号",
            f"  title: 东莞市人民政府办公室关于第{d + 1}项工作的实施意见",
            "  issuer: 东莞市人民政府办公室",
            f"  date: '{2017 + d % 5}-0{1 + d % 9}-1{d % 9}'",
            "chapters:",
        ]
        measure_no = 0
        for c in range(chapters_per_doc):
            lines += [f"  - number: {c + 1}", f"    title: 第{c + 1}章工作任务", "    measures:"]
            for _ in range(per_chapter):
                measure_no += 1
                total_items += 1
                lead = rng.sample(units, rng.randint(1, 3))
                support = rng.sample([u for u in units if u not in lead], rng.randint(0, 6))
                text = "".join(rng.sample(sentences, rng.randint(2, 5)))
                clause = (
                    "（牵头单位："
                    + "、".join(lead)
                    + ("；" + "、".join(support) + "等按职责分工负责）" if support else "）")
                )
                lines += [
                    f"      - number: {measure_no}",
                    f"        title: 第{measure_no}项措施",
                    "        items:",
                    f"          - id: '{measure_no}.1'",
                    f"            text: {text}",
                    f"            clause: {clause}",
                    f"            lead: [{', '.join(lead)}]",
                ]
                if support:
                    lines.append(f"            support: [{', '.join(support)}]")
                roll = rng.random()
                if roll < 0.15:
                    year = 2017 + d % 5 + rng.randint(1, 3)  # after the document's own date
                    lines += [
                        "            deadlines:",
                        "              - what: 完成年度任务",
                        f"                due: {year}H{rng.randint(1, 2)}",
                        "                source: 争取按期完成",
                    ]
                elif roll < 0.2:
                    lines += [
                        "            deadlines:",
                        "              - what: 定期报送",
                        "                every: monthly",
                        "                source: 每月报送",
                    ]
        name = "measures.yaml" if d == 0 else f"documents/{key}.yaml"
        (target / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = sum(f.stat().st_size for f in target.rglob("*.yaml"))
    return {"documents": docs, "items": total_items, "yaml_bytes": size}


def _run(argv: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB, and exit code of one cold run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, proc.returncode


def median(argv: list[str], runs: int, cwd: Path | None = None) -> dict[str, float]:
    _run(argv, cwd)  # warm the file cache, not the interpreter: every measured run is a new process
    results = [_run(argv, cwd) for _ in range(runs)]
    return {
        "seconds": statistics.median(r[0] for r in results),
        "peak_kib": max(r[1] for r in results),
        "exit": results[-1][2],
    }


def _files(root: Path) -> list[str]:
    return [str(p) for p in sorted(root.rglob("*.yaml"))]


def _compose_script(files: list[str], imports: str) -> list[str]:
    code = (
        f"import sys, yaml{imports}\n"
        "L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
        "for f in sys.argv[1:]:\n"
        "    yaml.compose(open(f, encoding='utf-8').read(), Loader=L)\n"
    )
    return [sys.executable, "-c", code, *files]


def _typer_app_script(files: list[str]) -> list[str]:
    code = (
        "import sys, typer, yaml\n"
        "files = sys.argv[1:]\n"
        "app = typer.Typer()\n"
        "@app.command()\n"
        "def main(unit: str = typer.Option(...)):\n"
        "    L = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
        "    for f in files:\n"
        "        yaml.compose(open(f, encoding='utf-8').read(), Loader=L)\n"
        "sys.argv = ['app', '--unit', '市商务局']\n"
        "app()\n"
    )
    return [sys.executable, "-c", code, *files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20171108)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)

    prd = _prd_command()
    args.out.mkdir(parents=True, exist_ok=True)
    # prd's cache of loaded data goes beside the figures, not into the user's ~/.cache.
    os.environ["PRD_CACHE_DIR"] = str(args.out / "cache")
    os.environ.pop("PRD_NO_CACHE", None)
    big = args.out / "data"
    counts = generate(big, args.docs, args.items, args.seed)
    env_note = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "prd": prd}
    rows: list[tuple[str, dict[str, float], dict[str, float] | None, str]] = []

    help_run = median([*prd, "--help"], args.runs)
    typer_floor = median([sys.executable, "-c", "import typer"], args.runs)
    rows.append(("prd --help", help_run, typer_floor, "import typer"))

    shipped = _files(SHIPPED)
    # median() runs once before measuring, so these find the cache written: what a person
    # sees from the second run on. The --no-cache rows show a first run's parse and checks.
    list_run = median([*prd, "list", "--unit", "市商务局", "--data", str(SHIPPED)], args.runs)
    list_nocache = median([*prd, "list", "--unit", "市商务局", "--data", str(SHIPPED), "--no-cache"], args.runs)
    data_files = [f for f in shipped if "schema" not in f]
    list_floor = median(_compose_script(data_files, ", typer"), args.runs)
    rows.append(("prd list --unit 市商务局 (shipped)", list_run, list_floor, "import typer, yaml + C parse"))
    # Running any Typer command costs more than importing typer: Typer coerces parameters
    # through pydantic, which it imports then. This floor is a one-command Typer app doing
    # the same parse, so the ratio shows what prd itself adds.
    app_floor = median(_typer_app_script(data_files), args.runs)
    rows.append(("prd list --unit 市商务局 (shipped)", list_run, app_floor, "a one-command Typer app + C parse"))
    rows.append(("  the same with --no-cache", list_nocache, app_floor, "a one-command Typer app + C parse"))

    files = _files(big)
    validate_run = median([*prd, "validate", "--quiet", "--data", str(big)], args.runs)
    compose_floor = median(_compose_script(files, ""), args.runs)
    rows.append((f"prd validate ({counts['items']} items)", validate_run, compose_floor, "yaml.compose (libyaml)"))
    yamllint = shutil.which("yamllint") or (
        str(Path(sys.executable).parent / "yamllint") if (Path(sys.executable).parent / "yamllint").exists() else None
    )
    lint_run = None
    if yamllint:
        lint_run = median([yamllint, "-d", "relaxed", "-f", "parsable", str(big)], max(1, args.runs // 2))
        rows.append(("yamllint -d relaxed (same files)", lint_run, None, ""))
    big_list = median([*prd, "list", "--unit", "市商务局", "-f", "json", "--data", str(big)], args.runs)
    big_list_nocache = median(
        [*prd, "list", "--unit", "市商务局", "-f", "json", "--data", str(big), "--no-cache"], args.runs
    )
    rows.append(("prd list --unit 市商务局 -f json (large)", big_list, big_list_nocache, "the same with --no-cache"))
    report_run = median([*prd, "report", "--period", "2017H2", "--as-of", "2017-12-31", "--data", str(big)], args.runs)
    rows.append(("prd report --period 2017H2 (large)", report_run, None, ""))

    memory_ratio = validate_run["peak_kib"] * 1024 / counts["yaml_bytes"]
    figures = {
        "environment": env_note,
        "dataset": counts,
        "runs": args.runs,
        "help": {"prd": help_run, "floor": typer_floor, "ratio": help_run["seconds"] / typer_floor["seconds"]},
        "list": {
            "prd": list_run,
            "floor": list_floor,
            "ratio": list_run["seconds"] / list_floor["seconds"],
            "typer_app_floor": app_floor,
            "ratio_to_typer_app": list_run["seconds"] / app_floor["seconds"],
            "no_cache": list_nocache,
            "large": big_list,
            "large_no_cache": big_list_nocache,
        },
        "validate": {
            "prd": validate_run,
            "floor": compose_floor,
            "ratio": validate_run["seconds"] / compose_floor["seconds"],
            "yamllint": lint_run,
            "vs_yamllint": (validate_run["seconds"] / lint_run["seconds"]) if lint_run else None,
        },
        "report": {"prd": report_run},
        "memory": {"peak_kib": validate_run["peak_kib"], "yaml_bytes": counts["yaml_bytes"], "ratio": memory_ratio},
    }
    (args.out / "results.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(
        f"data set: {counts['documents']} documents, {counts['items']} items, {counts['yaml_bytes'] / 1e6:.1f} MB of YAML; "
        f"median of {args.runs} cold runs; Python {env_note['python']}, {env_note['cpus']} CPUs"
    )
    print(f"{'measurement':44} {'seconds':>8} {'floor':>8} {'ratio':>6}  floor is")
    for name, run, floor, what in rows:
        ratio = f"{run['seconds'] / floor['seconds']:.2f}" if floor else ""
        fl = f"{floor['seconds']:.3f}" if floor else ""
        print(f"{name:44} {run['seconds']:8.3f} {fl:>8} {ratio:>6}  {what}")
    if lint_run:
        print(f"{'prd validate / yamllint':44} {'':8} {'':8} {figures['validate']['vs_yamllint']:6.2f}")
    print(
        f"{'peak memory of validate':44} {validate_run['peak_kib'] / 1024:7.1f}M {counts['yaml_bytes'] / 1e6:7.1f}M {memory_ratio:6.2f}  the YAML text"
    )
    bad = [name for name, run, _, _ in rows if run["exit"] != 0 and "yamllint" not in name]
    if bad:
        print(f"non-zero exit: {', '.join(bad)}", file=sys.stderr)
        return 1
    print(f"figures written to {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

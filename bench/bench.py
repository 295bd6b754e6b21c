#!/usr/bin/env python3
"""Benchmark prd against the floors it cannot beat, at growing sizes.

1. Generates synthetic data sets (50 and 500 documents x 60 items; 5,000 with --huge) with
   Chinese text recombined from the real document and the real unit names, deterministically
   from a seed.
2. Pairs each command with its floor in alternating cold runs (A B A B ..., so a burst of load
   from another process on this shared machine hits both alike) and takes medians:
   - on the shipped data: `prd --help` against `python -c "import typer"`, and a cached
     `prd list --unit 市商务局` against `import typer, yaml` plus a libyaml parse of the same
     files, and against a one-command Typer app doing that parse;
   - at each size, against libyaml's own `yaml.compose` of the same files (the floor of
     anything that reads them): `prd validate`, `prd list --unit 市商务局 -f json` cached
     and with --no-cache, the first `list` after a one-file edit, `prd report --period
     2017H2`, and `prd export --format sqlite`;
   - peak memory of each (max RSS) against the size of the YAML text, and the cache's size;
   - `prd import` of one long document made of real layouts repeated (1 and 4 MB), and of
     one whose tasks all name units no other names (the alias pass's worst case), against
     reading it and splitting each line at its punctuation once.
3. Prints a table per size, the growth of each time from one size to the next (10x the data
   should cost at most about 10x the time), and writes the figures as JSON.

Usage: python bench/bench.py [--sizes 50,500] [--huge] [--items 60] [--runs 3] [--out bench/out]
Needs prd installed in this Python (pip install .). Timings are wall-clock and
machine-dependent; the ratios and the growth are the point.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _summary(results: list[tuple[float, int, int]]) -> dict[str, float]:
    return {
        "seconds": statistics.median(r[0] for r in results),
        "peak_kib": max(r[1] for r in results),
        "exit": next((r[2] for r in results if r[2] != 0), 0),
    }


Command = tuple[list[str], "Callable[[], None] | None"]


def in_turn(commands: list[Command], runs: int) -> list[dict[str, float]]:
    """Medians of each command measured in turn, A B C A B C ... (never all A then all B), so a
    burst of load from another process hits them alike; a command's hook runs untimed before it."""
    results: list[list[tuple[float, int, int]]] = [[] for _ in commands]
    for _ in range(runs):
        for (argv, before), found in zip(commands, results, strict=True):
            if before:
                before()
            found.append(_run(argv))
    return [_summary(r) for r in results]


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


def _cache_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.glob("*") if f.is_file()) if folder.is_dir() else 0


Row = tuple[str, dict[str, float], dict[str, float] | None, str]


def _pad(text: str, width: int) -> str:
    """Pad to `width` terminal cells: a Chinese character takes two."""
    import unicodedata

    cells = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - cells)


def _print_rows(rows: list[Row]) -> None:
    print(f"{_pad('measurement', 50)} {'seconds':>8} {'floor':>8} {'ratio':>6} {'peak MB':>8}  floor is")
    for name, run, floor, what in rows:
        ratio = f"{run['seconds'] / floor['seconds']:.2f}" if floor else ""
        fl = f"{floor['seconds']:.3f}" if floor else ""
        print(f"{_pad(name, 50)} {run['seconds']:8.3f} {fl:>8} {ratio:>6} {run['peak_kib'] / 1024:8.1f}  {what}")


def shipped_rows(prd: list[str], runs: int) -> tuple[dict[str, Any], list[Row]]:
    data_files = [f for f in _files(SHIPPED) if "schema" not in f]
    listing = [*prd, "list", "--unit", "市商务局", "--data", str(SHIPPED)]
    _run(listing)  # fills prd's cache and warms the OS's file cache for every command below
    # Running any Typer command costs more than importing typer: Typer coerces parameters
    # through pydantic, which it imports then. One floor is a one-command Typer app doing the
    # same parse, so its ratio shows what prd itself adds.
    help_run, typer_floor, list_run, nocache, list_floor, app_floor = in_turn(
        [
            ([*prd, "--help"], None),
            ([sys.executable, "-c", "import typer"], None),
            (listing, None),
            ([*listing, "--no-cache"], None),
            (_compose_script(data_files, ", typer"), None),
            (_typer_app_script(data_files), None),
        ],
        runs,
    )
    rows: list[Row] = [
        ("prd --help", help_run, typer_floor, "import typer"),
        ("prd list --unit 市商务局 (shipped)", list_run, list_floor, "import typer, yaml + C parse"),
        ("prd list --unit 市商务局 (shipped)", list_run, app_floor, "a one-command Typer app + C parse"),
        ("  the same with --no-cache", nocache, app_floor, "a one-command Typer app + C parse"),
    ]
    figures = {
        "help": {"prd": help_run, "floor": typer_floor, "ratio": help_run["seconds"] / typer_floor["seconds"]},
        "list": {
            "prd": list_run,
            "floor": list_floor,
            "ratio": list_run["seconds"] / list_floor["seconds"],
            "typer_app_floor": app_floor,
            "ratio_to_typer_app": list_run["seconds"] / app_floor["seconds"],
            "no_cache": nocache,
        },
    }
    return figures, rows


def size_rows(
    prd: list[str], big: Path, counts: dict[str, int], runs: int, out: Path
) -> tuple[dict[str, Any], list[Row]]:
    """Every command at one size, in turn with libyaml's compose of the same files."""
    cache = out / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["PRD_CACHE_DIR"] = str(cache)
    data = ["--data", str(big)]
    listing = [*prd, "list", "--unit", "市商务局", "-f", "json", *data]
    _run(listing)  # fills prd's cache and warms the OS's file cache for every command below
    cache_size = _cache_bytes(cache)
    documents = sorted((big / "documents").glob("*.yaml"))
    edited = documents[len(documents) // 2] if documents else big / "measures.yaml"  # a typical edit
    original = edited.read_bytes()
    edits = iter(range(1_000_000))

    def edit_one_file() -> None:  # a new comment each time: the bytes change, the data does not
        edited.write_bytes(original + f"# edit {next(edits)}\n".encode())

    names = {
        "validate": "prd validate",
        "list_no_cache": "prd list --unit 市商务局 -f json, --no-cache",
        "list_after_edit": "  the same, cached, after a one-file edit",
        "list": "  the same, cached",
        "report": "prd report --period 2017H2",
        "export_sqlite": "prd export --format sqlite",
    }
    # The order matters: the edited run stores the new content, so the cached run after it
    # finds every file as stored.
    floor, *found = in_turn(
        [
            (_compose_script(_files(big), ""), None),
            ([*prd, "validate", "--quiet", *data], None),
            ([*listing, "--no-cache"], None),
            (listing, edit_one_file),
            (listing, None),
            ([*prd, "report", "--period", "2017H2", "--as-of", "2017-12-31", *data], None),
            ([*prd, "export", "--format", "sqlite", "--output", str(out / "export.db"), *data], None),
        ],
        runs,
    )
    edited.write_bytes(original)
    measured = dict(zip(names, found, strict=True))
    rows: list[Row] = [(names[k], run, floor, "yaml.compose (libyaml)") for k, run in measured.items()]
    validate_run = measured["validate"]
    figures: dict[str, Any] = {
        "dataset": counts,
        "floor": floor,
        "commands": {k: {"prd": run, "ratio": run["seconds"] / floor["seconds"]} for k, run in measured.items()},
        "memory": {
            "peak_kib": validate_run["peak_kib"],
            "yaml_bytes": counts["yaml_bytes"],
            "ratio": validate_run["peak_kib"] * 1024 / counts["yaml_bytes"],
        },
        "cache_bytes": cache_size,
    }
    return figures, rows


# Real documents of the layouts `prd import` reads most differently: brackets closing paragraphs,
# a table between spaces, one cell a line closed by |, a reposting site's shapes, an inspection's
# list of problems. Repeated to the size asked for, they make one long document to import.
IMPORT_SOURCES = (
    "corpus/guandu-wenzengzhang-2016.txt",
    "unseen9/g08-yueyanglou-minshengshishi-wancheng-jianti-2017.txt",
    "unseen9/g07-yueyanglou-minshengshishi-wancheng-2017.txt",
    "unseen10/h02-anhui-zhengce-cuoshi-2024.txt",
    "unseen12/m01-pingli-shuangchuang-xuncha-zhenggai-undated.txt",
)
_SPLIT_FLOOR = (
    "import re, sys\n"
    "marks = re.compile(r'[，。、；：（）|\\s]+')\n"
    "n = 0\n"
    "for line in open(sys.argv[1], encoding='utf-8').read().splitlines():\n"
    "    n += len(marks.split(line))\n"
)


def import_document(target: Path, megabytes: float) -> int:
    """One document of about `megabytes` MB from the sources above; its size in bytes."""
    fixtures = ROOT / "tests" / "fixtures" / "import"
    parts = [(fixtures / name).read_text(encoding="utf-8").split("\n", 1)[1] for name in IMPORT_SOURCES]
    block = "\n".join(parts) + "\n"
    copies = max(1, int(megabytes * 1e6 / len(block.encode("utf-8"))))
    target.write_text(block * copies, encoding="utf-8")
    return target.stat().st_size


_NAME_CHARS = (
    "东西南北中发展改革财政交通卫生教育科技商务文化旅游农业水利林业民政司法审计统计应急城管住建自然资源生态环境"
)


def distinct_units_document(target: Path, megabytes: float) -> int:
    """Numbered tasks each naming two units no other task names (市…局牵头，市…局配合): every
    name new, as a hostile or machine-made text would be; the alias pass compares new names
    with one another, so this is where it would grow faster than the text."""
    rng = random.Random(7)
    lines = ["某市工作方案", "一、重点工作"]
    size, k = 0, 0
    while size < megabytes * 1e6:
        k += 1
        a, b = ("市" + "".join(rng.choice(_NAME_CHARS) for _ in range(rng.randint(2, 8))) + "局" for _ in "ab")
        line = f"（{k}）推进第{k}项工作（{a}牵头，{b}配合）。"
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target.stat().st_size


def import_rows(prd: list[str], out: Path, sizes: list[float], runs: int) -> tuple[list[dict[str, Any]], list[Row]]:
    """`prd import` of a long document, in turn with reading it and splitting each line at its
    punctuation once (a linear pass over the text, the least any reader of it does): real
    layouts repeated, and tasks whose units are all different."""
    rows: list[Row] = []
    found: list[dict[str, Any]] = []
    for mb, kind in [(mb, kind) for kind in ("layouts", "distinct units") for mb in sizes]:
        source = out / f"import-{kind.replace(' ', '-')}-{mb:g}MB.txt"
        build = import_document if kind == "layouts" else distinct_units_document
        size = build(source, mb)
        draft = out / f"import-{mb:g}MB.yaml"

        def clear(path: Path = draft) -> None:
            path.unlink(missing_ok=True)

        run, floor = in_turn(
            [
                ([*prd, "import", str(source), "--output", str(draft)], clear),
                ([sys.executable, "-c", _SPLIT_FLOOR, str(source)], None),
            ],
            runs,
        )
        rows.append((f"prd import, {size / 1e6:.1f} MB, {kind}", run, floor, "read it, split each line once"))
        found.append(
            {"kind": kind, "bytes": size, "prd": run, "floor": floor, "ratio": run["seconds"] / floor["seconds"]}
        )
        source.unlink(missing_ok=True)
        draft.unlink(missing_ok=True)
    return found, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,500", help="documents per data set, comma-separated")
    parser.add_argument("--huge", action="store_true", help="also 5,000 documents (324 MB of YAML; minutes)")
    parser.add_argument("--docs", type=int, help="one size only (as --sizes N)")
    parser.add_argument("--items", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20171108)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--import-mb", default="1,4", help="sizes of the document to import, MB, comma-separated")
    args = parser.parse_args(argv)
    sizes = [args.docs] if args.docs else [int(n) for n in args.sizes.split(",")]
    if args.huge and 5000 not in sizes:
        sizes.append(5000)

    prd = _prd_command()
    args.out.mkdir(parents=True, exist_ok=True)
    # prd's cache of loaded data goes beside the figures, not into the user's ~/.cache.
    os.environ["PRD_CACHE_DIR"] = str(args.out / "cache")
    os.environ.pop("PRD_NO_CACHE", None)
    env_note = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "prd": prd}
    print(
        f"median of {args.runs} cold runs, in turn with their floor (A B A B); Python {env_note['python']}, {env_note['cpus']} CPUs"
    )
    figures: dict[str, Any] = {"environment": env_note, "runs": args.runs}
    shipped, rows = shipped_rows(prd, args.runs)
    figures.update(shipped)
    print("\nshipped data")
    _print_rows(rows)
    bad = [name for name, run, _, _ in rows if run["exit"] != 0]
    per_size: list[dict[str, Any]] = []
    for docs in sizes:
        big = args.out / f"data-{docs}"
        counts = generate(big, docs, args.items, args.seed)
        found, rows = size_rows(prd, big, counts, args.runs, args.out)
        per_size.append(found)
        print(
            f"\n{counts['documents']} documents, {counts['items']} items, {counts['yaml_bytes'] / 1e6:.1f} MB of YAML; "
            f"cache {found['cache_bytes'] / 1e6:.1f} MB"
        )
        _print_rows(rows)
        mem = found["memory"]
        print(
            f"{_pad('peak memory of validate', 50)} {mem['peak_kib'] / 1024:7.1f}M {mem['yaml_bytes'] / 1e6:7.1f}M {mem['ratio']:6.2f}  the YAML text"
        )
        bad += [f"{name} ({docs})" for name, run, _, _ in rows if run["exit"] != 0]
        if docs >= 5000:
            shutil.rmtree(big, ignore_errors=True)  # 324 MB
    figures["sizes"] = per_size
    mbs = [float(n) for n in args.import_mb.split(",") if n]
    if mbs:
        imports, rows = import_rows(prd, args.out, mbs, args.runs)
        print("\nprd import of one long document (real layouts repeated; tasks whose units all differ)")
        _print_rows(rows)
        pairs = [(a, b) for a, b in zip(imports, imports[1:], strict=False) if a["kind"] == b["kind"]]
        for before, after in pairs:
            grew = after["bytes"] / before["bytes"]
            g = after["prd"]["seconds"] / before["prd"]["seconds"]
            print(
                f"  {before['kind']}: {before['bytes'] / 1e6:.1f} -> {after['bytes'] / 1e6:.1f} MB ({grew:.1f}x): import {g:.1f}x"
            )
        figures["import"] = imports
        bad += [name for name, run, _, _ in rows if run["exit"] != 0]
    if len(per_size) > 1:
        print("\ngrowth of each time from one size to the next (the data grows by the first column)")
        for before, after in zip(per_size, per_size[1:], strict=False):
            grew = after["dataset"]["items"] / before["dataset"]["items"]
            cells = []
            for k in after["commands"]:
                g = after["commands"][k]["prd"]["seconds"] / before["commands"][k]["prd"]["seconds"]
                # Faster than the data (with room for noise) is the sign of work done per pair of things.
                cells.append(f"{k} {g:.1f}x" + (" FASTER THAN THE DATA" if g > grew * 1.5 else ""))
            print(
                f"  {before['dataset']['documents']} -> {after['dataset']['documents']} ({grew:.0f}x): "
                + ", ".join(cells)
            )
    # The largest size's figures also at the top, as earlier versions of this file wrote them.
    last = per_size[-1]
    commands = last["commands"]
    figures["dataset"] = last["dataset"]
    figures["validate"] = {**commands["validate"], "floor": last["floor"]}
    figures["report"] = commands["report"]
    figures["list"]["large"] = commands["list"]["prd"]
    figures["list"]["large_no_cache"] = commands["list_no_cache"]["prd"]
    figures["memory"] = last["memory"]
    (args.out / "results.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if bad:
        print(f"non-zero exit: {', '.join(bad)}", file=sys.stderr)
        return 1
    print(f"figures written to {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

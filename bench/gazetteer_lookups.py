"""Load time, exact lookups per second and memory of a gazetteer index (marshal or SQLite).

Keys are sampled from the index itself (half of them looked up twice, as names recur in
reports), plus as many keys it does not hold; each lookup is `rows(key)` and, for a hit, the
`Place` of its first row, which is what the recogniser and resolver do per name.

    python bench/gazetteer_lookups.py /tmp/gz/all12m.sqlite [--n 200000]
    python bench/gazetteer_lookups.py            # the default index
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def sample_keys(path: Path, n: int) -> list[str]:
    from frontlines.places.gazetteer import Gazetteer
    from frontlines.places.sqlgazetteer import is_sqlite

    rng = random.Random(7)
    if path is not None and is_sqlite(path):
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        top = db.execute("SELECT max(rowid) FROM places").fetchone()[0] or 1
        keys = [k for (k,) in db.execute(
            "SELECT key FROM names WHERE row IN (%s)" % ",".join(str(rng.randrange(top)) for _ in range(n // 2)))]
        db.close()
    else:
        g = Gazetteer.load(path)
        keys = rng.sample(list(g._index), min(n // 2, len(g._index)))
    keys = keys[: n // 2]
    misses = ["".join(rng.choices("abdehiklmnorstuz", k=rng.randint(5, 11))) for _ in range(n // 4)]
    out = keys + keys[: n // 4] + misses
    rng.shuffle(out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path, nargs="?", help="index file (default: the default index)")
    ap.add_argument("--n", type=int, default=200_000, help="lookups to time")
    a = ap.parse_args()
    from frontlines.places.gazetteer import Gazetteer

    if a.index is None:
        a.index = Gazetteer.default().path
    keys = sample_keys(a.index, a.n)
    before = rss_mb()
    t0 = time.perf_counter()
    g = Gazetteer.load(a.index)
    load = time.perf_counter() - t0
    after_load = rss_mb()
    t0 = time.perf_counter()
    hits = 0
    for k in keys:
        rows = g.rows(k)
        if rows:
            hits += 1
            g.place(rows[0])
    secs = time.perf_counter() - t0
    print(f"index: {g.path} ({g.info()['format']}, {len(g):,} places)")
    print(f"load: {load:.3f} s; RSS {before:.0f} MB before, {after_load:.0f} MB after load, "
          f"{rss_mb():.0f} MB after lookups")
    print(f"lookups: {len(keys):,} ({hits:,} hits) in {secs:.2f} s = {len(keys) / secs:,.0f} per second")
    t0 = time.perf_counter()
    found = g.fuzzy_rows("Damascuss", countries=["SY"], limit=5)
    print(f"first fuzzy lookup in one country (builds its pool): {time.perf_counter() - t0:.2f} s, "
          f"{len(found)} found; RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

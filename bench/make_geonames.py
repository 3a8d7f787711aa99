"""Write synthetic GeoNames dumps shaped like the real downloads, to measure the importer at scale.

- `allCountries.zip` (allCountries.txt inside): N rows (default 12 million) of the official 19
  tab-separated columns, sorted by geonameid with gaps, a feature-class mix like the real dump's
  (P 40 %, H 20 %, S 19 %, T 12 %, L 4 %, A 4 %, V/R/U the rest), mostly unique syllable names
  (some in Arabic and Cyrillic script), realistic field lengths, and 0–6 alternate names in
  column 4 (a few rows with hundreds, as big cities have);
- `alternateNamesV2.zip` (alternateNamesV2.txt): M rows (default 15 million) of its 10 columns
  (alternateNameId, geonameid, isolanguage, name, isPreferredName, isShortName, isColloquial,
  isHistoric, from, to) for random geonameids, with `link`/`wkdt`/`post` rows as in the real file;
- `admin1CodesASCII.txt`, `admin2Codes.txt`, `countryInfo.txt` consistent with the rows.

Deterministic (seeded). Write it under /tmp, never into the repository:

    python bench/make_geonames.py /tmp/gn12m --rows 12000000 --alternates 15000000
"""

from __future__ import annotations

import argparse
import random
import time
import zipfile
from pathlib import Path

SYL = ("al ba da ka ra sa ta ma na ha za ya wa la qa fa ja sha kha gha dei zor tan hol bu ri mi "
       "ni si ti ki li di gi hi fi vi do ro so to ko mo no go lo ho nu ru su tu ku mu lu gu ju "
       "ber dor kan mar nor sel tor val wen zel ash bel cor dun fel gar hal ist jor kel lan "
       "ov ev in ak ek ul ar er or ur am em im om um as es is os us an en on un").split()
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюя"
#: (class, share, [(code, weight)...]) roughly as in the real allCountries.
MIX = [
    ("P", 40, [("PPL", 90), ("PPLX", 4), ("PPLA4", 2), ("PPLA3", 1.5), ("PPLA2", 1), ("PPLL", 1), ("PPLQ", .5)]),
    ("H", 20, [("STM", 35), ("LK", 10), ("WLL", 12), ("SPNG", 8), ("RSV", 5), ("STMI", 8), ("BAY", 3),
               ("WAD", 2), ("PND", 8), ("CNL", 3), ("MRSH", 3), ("SEA", .01), ("GLCR", 3)]),
    ("S", 19, [("CH", 18), ("SCH", 22), ("HTL", 10), ("FRM", 12), ("BLDG", 8), ("HSP", 3), ("AIRP", .5),
               ("AIRF", .5), ("DAM", 1), ("CMP", .5), ("MSQE", 3), ("RSTN", 2), ("BDG", 2), ("OILW", 1),
               ("RUIN", 1), ("MN", 1), ("PSTB", .2), ("PRN", .2), ("CMTY", 10), ("MNMT", 2), ("HSTS", 2)]),
    ("T", 12, [("MT", 30), ("HLL", 30), ("ISL", 10), ("VAL", 5), ("PK", 5), ("PASS", 2), ("CAPE", 3),
               ("RK", 5), ("SLP", 3), ("RDGE", 4), ("PLN", 2), ("DSRT", .3)]),
    ("L", 4, [("LCTY", 45), ("AREA", 15), ("PRK", 10), ("RGN", 5), ("RESV", 5), ("FLD", 8), ("OILF", 1),
              ("GASF", .3), ("MILB", .5), ("GRAZ", 5), ("INDS", 3), ("PRT", 1)]),
    ("A", 4, [("ADM4", 40), ("ADM3", 35), ("ADMD", 15), ("ADM5", 10)]),
    ("V", 0.7, [("FRST", 80), ("GRSLD", 20)]),
    ("R", 0.5, [("RD", 60), ("TNL", 20), ("RR", 20)]),
    ("U", 0.1, [("SMU", 50), ("TRGU", 50)]),
]
LANGS = [("", 20), ("en", 10), ("ar", 6), ("ru", 6), ("fr", 5), ("de", 5), ("es", 4), ("link", 18),
         ("wkdt", 8), ("post", 6), ("iata", .5), ("fa", 3), ("ku", 1), ("uk", 3), ("zh", 3), ("abbr", .5)]


def _table(rng: random.Random, pairs: list[tuple], n: int = 4096) -> list:
    items, weights = zip(*pairs)
    return rng.choices(items, weights, k=n)


class Names:
    """Mostly unique names from syllables, some in Arabic or Cyrillic script."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def word(self) -> str:
        return "".join(self.rng.choices(SYL, k=self.rng.choice((2, 2, 3, 3, 4)))).capitalize()

    def name(self) -> str:
        r = self.rng.random()
        if r < 0.55:
            return self.word()
        if r < 0.85:
            return f"{self.word()} {self.word()}"
        if r < 0.95:
            return f"{self.rng.choice(('Al', 'Tall', 'Wadi', 'Jabal', 'Kafr', 'Deir', 'Saint', 'New'))} {self.word()}"
        return f"{self.word()} {self.word()} {self.word()}"

    def script(self) -> str:
        alphabet = ARABIC if self.rng.random() < 0.5 else CYRILLIC
        return "".join(self.rng.choices(alphabet, k=self.rng.randint(4, 12)))

    def alternates(self) -> list[str]:
        r = self.rng.random()
        n = 0 if r < 0.55 else (self.rng.randint(1, 3) if r < 0.9 else
                                (self.rng.randint(4, 6) if r < 0.999 else self.rng.randint(50, 300)))
        return [self.script() if self.rng.random() < 0.3 else self.name() for _ in range(n)]


def write_dumps(out: Path, rows: int, alternates: int, seed: int = 4) -> None:
    rng = random.Random(seed)
    names = Names(rng)
    out.mkdir(parents=True, exist_ok=True)
    countries = [f"{a}{b}" for a in "ABCDEFGHIKLMNPRSTUVYZ" for b in "AEGIKLMNORSTUYZ"][:250]
    cc_weights = [1.0 / (i + 1) ** 0.7 for i in range(len(countries))]  # a few big countries
    cc_table = rng.choices(countries, cc_weights, k=8192)
    n_a1 = {cc: rng.randint(3, 40) for cc in countries}
    a2_per_a1 = 12
    classes = _table(rng, [(c, share) for c, share, _ in MIX])
    codes = {c: _table(rng, pairs) for c, _, pairs in MIX}
    t0 = time.perf_counter()
    # admin codes and countries first (their ids come first in allCountries too)
    gid = 1
    ids: dict[tuple, int] = {}
    with (out / "countryInfo.txt").open("w", encoding="utf-8") as fc:
        fc.write("# synthetic countryInfo\n#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\t"
                 "Population\tContinent\ttld\tCurrencyCode\tCurrencyName\tPhone\tPostal Code Format\t"
                 "Postal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n")
        for i, cc in enumerate(countries):
            ids[(cc,)] = gid
            nb = ",".join(rng.sample(countries, 3))
            fc.write(f"{cc}\t{cc}X\t{i}\t{cc}\t{names.word()}ia\t{names.word()}\t1000\t{rng.randint(10**4, 10**8)}\t"
                     f"AS\t.{cc.lower()}\tCUR\tMoney\t1\t\t\tar\t{gid}\t{nb}\t\n")
            gid += 1
    with (out / "admin1CodesASCII.txt").open("w", encoding="utf-8") as f1, \
            (out / "admin2Codes.txt").open("w", encoding="utf-8") as f2:
        for cc in countries:
            for a in range(1, n_a1[cc] + 1):
                ids[(cc, f"{a:02d}")] = gid
                nm = f"{names.word()} Governorate" if rng.random() < 0.3 else names.word()
                f1.write(f"{cc}.{a:02d}\t{nm}\t{nm}\t{gid}\n")
                gid += 1
                for b in range(1, a2_per_a1 + 1):
                    ids[(cc, f"{a:02d}", str(b))] = gid
                    nm = f"{names.word()} District"
                    f2.write(f"{cc}.{a:02d}.{b}\t{nm}\t{nm}\t{gid}\n")
                    gid += 1
    divisions = list(ids.items())
    max_gid = 0
    with zipfile.ZipFile(out / "allCountries.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf, \
            zf.open("allCountries.txt", "w", force_zip64=True) as raw:
        buf: list[str] = []
        ri = rng.randrange
        for n in range(rows):
            if n < len(divisions):  # the countries and divisions themselves, with points
                ident, g = divisions[n]
                cc = ident[0]
                a1 = ident[1] if len(ident) > 1 else ""
                a2 = ident[2] if len(ident) > 2 else ""
                fcl, fco = "A", ("PCLI", "ADM1", "ADM2")[len(ident) - 1]
            else:
                gid += 1 + (ri(3) == 0) * ri(5)
                g = gid
                cc = cc_table[ri(8192)]
                a1 = f"{1 + ri(n_a1[cc]):02d}"
                a2 = str(1 + ri(a2_per_a1)) if ri(3) else ""
                fcl = classes[ri(4096)]
                fco = codes[fcl][ri(4096)]
            max_gid = max(max_gid, g)
            nm = names.name()
            pop = (int(rng.paretovariate(1.2) * 300) if ri(4) == 0 else 0) if fcl == "P" else 0
            alts = ",".join(names.alternates()) if n >= len(divisions) else ""
            lat, lon = rng.uniform(-60, 70), rng.uniform(-180, 180)
            buf.append(f"{g}\t{nm}\t{nm}\t{alts}\t{lat:.5f}\t{lon:.5f}\t{fcl}\t{fco}\t{cc}\t\t{a1}\t{a2}\t\t\t"
                       f"{pop}\t\t{ri(3000)}\tAsia/Damascus\t2023-0{1 + ri(9)}-1{ri(10)}\n")
            if len(buf) >= 20000:
                raw.write("".join(buf).encode("utf-8"))
                buf.clear()
            if n and n % 1_000_000 == 0:
                print(f"allCountries: {n:,} rows, {time.perf_counter() - t0:.0f} s", flush=True)
        raw.write("".join(buf).encode("utf-8"))
    with zipfile.ZipFile(out / "alternateNamesV2.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
        langs = _table(rng, LANGS)
        with zf.open("alternateNamesV2.txt", "w", force_zip64=True) as raw:
            buf = []
            for n in range(alternates):
                g = 1 + ri(max_gid)
                lang = langs[ri(4096)]
                if lang == "link":
                    nm = f"https://en.wikipedia.org/wiki/{names.word()}"
                elif lang == "wkdt":
                    nm = f"Q{ri(10**8)}"
                elif lang == "post":
                    nm = str(ri(10**5))
                else:
                    nm = names.script() if lang in ("ar", "ru", "fa", "uk") else names.name()
                flags = ["1" if ri(20) == 0 else "", "1" if ri(30) == 0 else "",
                         "1" if ri(100) == 0 else "", "1" if ri(100) == 0 else ""]
                buf.append(f"{n + 1}\t{g}\t{lang}\t{nm}\t" + "\t".join(flags) + "\t\t\n")
                if len(buf) >= 20000:
                    raw.write("".join(buf).encode("utf-8"))
                    buf.clear()
                if n and n % 1_000_000 == 0:
                    print(f"alternateNamesV2: {n:,} rows, {time.perf_counter() - t0:.0f} s", flush=True)
            raw.write("".join(buf).encode("utf-8"))
    print(f"wrote {out} in {time.perf_counter() - t0:.0f} s", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write (under /tmp)")
    ap.add_argument("--rows", type=int, default=12_000_000)
    ap.add_argument("--alternates", type=int, default=15_000_000)
    ap.add_argument("--seed", type=int, default=4)
    a = ap.parse_args()
    write_dumps(a.out, a.rows, a.alternates, a.seed)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measure the city population cut-off of the gazetteer (a gazetteer-only proxy).

usage: python3 scripts/gazetteer-cutoff.py CANDIDATES_DIR [--eval DIR] [--markdown]

CANDIDATES_DIR holds geonames-cities-<N>.tsv.gz files, as written by
  python3 scripts/build-gazetteer.py --candidates CANDIDATES_DIR
Every candidate is measured together with the other gazetteer files of gazetteer/
(geonames-admin.tsv, world-countries.tsv, curated.tsv, aliases.tsv, demonyms.tsv,
stoplist.txt)
on the geoparsing corpora in --eval (default: ../shared/eval/geo beside the repo root;
lgl.jsonl and geovirus.jsonl with gold toponyms {start, end, text, lat, lon}).

Per corpus, over the gold toponyms that have coordinates:
  in-gaz     share of gold toponym texts that are a name, an alternate name, an alias
             or a demonym in the gazetteer (case-sensitive, exact string)
  recall@161 share that has a candidate of that name within 161 km of the gold point
  naive@161  share whose most populous candidate is within 161 km (a crude stand-in for
             disambiguation: more small places mean more wrong first guesses)
  FP         capitalised spans of the texts (longest match, up to 6 words) that match a
             gazetteer name, are not stoplisted and overlap no gold toponym
  cands      mean number of candidates per matched span (ambiguity)
Per candidate file: rows, gzip bytes, uncompressed bytes, and the time Python takes
to decompress and split it (a start-up proxy; the Rust loader is faster).
"""
import argparse
import glob
import gzip
import json
import math
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "gazetteer")
R_KM = 6371.0088


def hav(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R_KM * math.asin(min(1.0, math.sqrt(a)))


def records(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            yield line.rstrip("\n").split("\t")


def add_places(index, byid, path):
    n = 0
    for f in records(path):
        place = (float(f[3]), float(f[4]), int(f[8]), f[5])
        byid[f[0]] = place
        for name in [f[1]] + ([a for a in f[2].split("|") if a] if f[2] else []):
            index.setdefault(name, []).append(place)
        n += 1
    return n


def load_base():
    index, byid = {}, {}
    for fn in ("geonames-admin.tsv", "world-countries.tsv", "curated.tsv"):
        add_places(index, byid, os.path.join(GAZ, fn))
    return index, byid


def add_aliases(index, byid):
    for fn in ("aliases.tsv", "demonyms.tsv"):
        for f in records(os.path.join(GAZ, fn)):
            if f[1] in byid:
                index.setdefault(f[0], []).append(byid[f[1]])


def stoplist():
    with open(os.path.join(GAZ, "stoplist.txt"), encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


def spans(text, index, stop, maxw=6):
    """Longest gazetteer matches that start with a capitalised word."""
    toks = [(m.start(), m.end()) for m in WORD.finditer(text)]
    out, i = [], 0
    while i < len(toks):
        s = toks[i][0]
        if not text[s].isupper():
            i += 1
            continue
        best = None
        for j in range(min(len(toks), i + maxw) - 1, i - 1, -1):
            # words of one name are separated by one space or a hyphen
            if j > i and text[toks[j - 1][1]:toks[j][0]] not in (" ",):
                continue
            e = toks[j][1]
            for ee in (e, e - 1) if text[e - 1] in ".-'’" else (e,):
                t = text[s:ee]
                if t in index:
                    best = (s, ee, t, j)
                    break
            if best:
                break
        if best and best[2].lower() not in stop:
            out.append(best[:3])
            i = best[3] + 1
        else:
            i += 1
    return out


def measure(corpus, index, stop):
    n = innames = r161 = naive = 0
    fp = gold_hits = cand_sum = matched = 0
    with open(corpus, encoding="utf-8") as f:
        docs = [json.loads(l) for l in f if l.strip()]
    for d in docs:
        gold = d.get("toponyms", [])
        for t in gold:
            if t.get("lat") is None or t.get("lon") is None:
                continue
            n += 1
            c = index.get(t["text"])
            if not c:
                continue
            innames += 1
            if any(hav(t["lat"], t["lon"], p[0], p[1]) < 161 for p in c):
                r161 += 1
            top = max(c, key=lambda p: p[2])
            if hav(t["lat"], t["lon"], top[0], top[1]) < 161:
                naive += 1
        gsp = [(t["start"], t["end"]) for t in gold]
        for s, e, name in spans(d["text"], index, stop):
            matched += 1
            cand_sum += len(index[name])
            if any(s < ge and gs < e for gs, ge in gsp):
                gold_hits += 1
            else:
                fp += 1
    return {"gold": n, "in_gaz": innames / n, "recall161": r161 / n, "naive161": naive / n,
            "fp": fp, "gold_hits": gold_hits, "cands": cand_sum / max(1, matched),
            "docs": len(docs)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("candidates")
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(ROOT), "shared", "eval",
                                                    "geo"))
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    corpora = [os.path.join(args.eval, c) for c in ("lgl.jsonl", "geovirus.jsonl")]
    corpora = [c for c in corpora if os.path.exists(c)]
    if not corpora:
        sys.exit("gazetteer-cutoff: no corpus in %s" % args.eval)
    stop = stoplist()

    def key(p):
        m = re.search(r"cities-(\d+)(.*)\.tsv\.gz$", p)
        return (int(m.group(1)), m.group(2)) if m else (0, p)

    files = sorted(glob.glob(os.path.join(args.candidates, "geonames-cities-*.tsv.gz")),
                   key=key, reverse=True)
    files.insert(0, None)  # no city file at all: the other files alone
    rows = []
    for path in files:
        index, byid = load_base()
        if path:
            t0 = time.perf_counter()
            with gzip.open(path, "rt", encoding="utf-8") as f:
                data = f.read()
            recs = [l.split("\t") for l in data.split("\n") if l and not l.startswith("#")]
            t_parse = time.perf_counter() - t0
            size_gz, size_raw = os.path.getsize(path), len(data.encode("utf-8"))
            ncity = add_places(index, byid, path)
            label = os.path.basename(path)[len("geonames-cities-"):-len(".tsv.gz")]
        else:
            t_parse = size_gz = size_raw = ncity = 0
            label = "none"
        add_aliases(index, byid)
        res = {c: measure(c, index, stop) for c in corpora}
        rows.append((label, ncity, size_gz, size_raw, t_parse, len(index), res))
        print("measured", label, file=sys.stderr)

    names = [os.path.basename(c).split(".")[0] for c in corpora]
    if args.markdown:
        head = ["cut-off", "city rows", "gzip MB", "raw MB", "py load s", "names"]
        for nm in names:
            head += [nm + " in-gaz", nm + " recall@161", nm + " naive@161", nm + " FP",
                     nm + " cands"]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for label, ncity, gz, raw, tp, nn, res in rows:
            cells = [label, str(ncity), "%.2f" % (gz / 1e6), "%.1f" % (raw / 1e6),
                     "%.2f" % tp, str(nn)]
            for c in corpora:
                r = res[c]
                cells += ["%.3f" % r["in_gaz"], "%.3f" % r["recall161"], "%.3f" % r["naive161"],
                          str(r["fp"]), "%.1f" % r["cands"]]
            print("| " + " | ".join(cells) + " |")
    else:
        for label, ncity, gz, raw, tp, nn, res in rows:
            print("%-12s rows %7d  gzip %8d  raw %9d  load %.2fs  names %d"
                  % (label, ncity, gz, raw, tp, nn))
            for c in corpora:
                r = res[c]
                print("   %-9s gold %5d  in-gaz %.3f  recall@161 %.3f  naive@161 %.3f  FP %5d"
                      "  gold-hit spans %5d  cands/span %.1f"
                      % (os.path.basename(c).split(".")[0], r["gold"], r["in_gaz"],
                         r["recall161"], r["naive161"], r["fp"], r["gold_hits"], r["cands"]))


if __name__ == "__main__":
    main()

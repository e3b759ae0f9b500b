"""Throughput of the Python peers over a JSON Lines corpus: geotext (places)
and dateparser's search_dates (dates, on a sample: it is slow). Prints one
line per peer: name, bytes, seconds, matches."""
import json
import sys
import time

texts = [json.loads(l).get("text") or "" for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else len(texts)

from geotext import GeoText  # noqa: E402

b = sum(len(t.encode()) for t in texts)
t0 = time.perf_counter()
n = sum(len(GeoText(t).cities) + len(GeoText(t).countries) for t in texts)
print(f"geotext\t{b}\t{time.perf_counter() - t0:.3f}\t{n}")

from dateparser.search import search_dates  # noqa: E402

sample = texts[:limit]
b = sum(len(t.encode()) for t in sample)
t0 = time.perf_counter()
n = sum(len(search_dates(t, languages=["en"]) or []) for t in sample)
print(f"dateparser.search_dates\t{b}\t{time.perf_counter() - t0:.3f}\t{n}")

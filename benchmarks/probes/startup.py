"""A cold start in a fresh Python: import, model, index open, and a parse of one file.

`python startup.py LANG [FILE]`: prints the seconds of each step and the peak RSS as JSON.
"""

import json
import sys
import time

start = time.perf_counter()
import geo.pipeline  # noqa: E402 (timed: the imports are the first step of a cold start)

imported = time.perf_counter()
from geo.nlp.pipelines import load  # noqa: E402

load(sys.argv[1])
loaded = time.perf_counter()
from geo.geocoding import candidates, make_geocoder  # noqa: E402

geocoder = make_geocoder("gazetteer")
candidates(geocoder, "Paris")
opened = time.perf_counter()
if len(sys.argv) > 2:
    geo.pipeline.parse(open(sys.argv[2], encoding="utf-8").read(), geocoder=geocoder)
parsed = time.perf_counter()
status = open("/proc/self/status").read()
hwm = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
print(
    json.dumps(
        {
            "import": imported - start,
            "model": loaded - imported,
            "index": opened - loaded,
            "parse": parsed - opened,
            "hwm_kb": hwm,
        }
    )
)

"""Peak memory of a fresh Python that opens a gazetteer index and looks up 5% of its names.

`python gazetteer_rss.py open|none INDEX`: prints VmHWM in kB; `none` only imports (the base to
subtract). VmHWM, not ru_maxrss: that survives fork and exec (a child reports its parent's peak).
"""

import sqlite3
import sys

from geo.gazetteer.index import Gazetteer

if sys.argv[1] == "open":
    gazetteer = Gazetteer(sys.argv[2])
    # the names, read from the index file itself (read-only), as any SQLite client would
    with sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True) as db:
        names = [r[0] for r in db.execute("SELECT name FROM places WHERE rowid % 20 = 0")]
    for name in names:
        gazetteer.lookup(name)
status = open("/proc/self/status").read()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))

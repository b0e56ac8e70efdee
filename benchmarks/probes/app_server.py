"""`streamlit run` that logs each script run's start and end: the server side of a click.

`python app_server.py APP.py [streamlit options]`: as `streamlit run APP.py ...`, and each
script run (the first one and the reruns that clicks cause) prints a line on stderr,
`geo-bench-run START END`, in epoch seconds. Streamlit has no public hook around a script run,
so its ScriptRunner's `_run_script` is wrapped here, in this process only; a Streamlit that
renames it fails this probe at start, which the app figures report.
"""

import sys
import time

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

run = script_runner.ScriptRunner._run_script


def timed(self, rerun_data):
    start = time.time()
    try:
        return run(self, rerun_data)
    finally:
        print(f"geo-bench-run {start:.4f} {time.time():.4f}", file=sys.stderr, flush=True)


script_runner.ScriptRunner._run_script = timed  # type: ignore[method-assign]
sys.argv = ["streamlit", "run", *sys.argv[1:]]
sys.exit(cli.main())

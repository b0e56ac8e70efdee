"""`python -m benchmarks [PART] [options]`: the same as `python -m geo bench [PART] [options]`."""

import sys

from geo.cli.main import main

sys.exit(main(["bench", *sys.argv[1:]]))

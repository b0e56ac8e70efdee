"""`python -m geo`: the command line."""

import sys

from geo.cli.main import main

sys.exit(main())

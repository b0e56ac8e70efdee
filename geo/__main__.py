"""`python -m geo`: the command line."""
import sys

from geo.cli import main

sys.exit(main())

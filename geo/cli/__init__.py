"""The command line: `python -m geo COMMAND`, one command a module."""

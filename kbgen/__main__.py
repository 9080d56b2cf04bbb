"""``python -m kbgen``."""

from kbgen.cli import main

main()

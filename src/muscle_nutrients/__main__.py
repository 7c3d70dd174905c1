"""``python -m muscle_nutrients``: the command line."""

from .cli import main

raise SystemExit(main())

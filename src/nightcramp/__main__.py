"""`python -m nightcramp` runs the command-line interface."""

from nightcramp.cli.entry import main

raise SystemExit(main())

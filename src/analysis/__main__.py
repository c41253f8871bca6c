"""`python -m analysis run|bench`."""

from analysis.cli import main

raise SystemExit(main())

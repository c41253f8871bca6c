"""`python -m analysis run|evaluate-themes|suggest-keywords` (see analysis.cli)."""

from analysis.cli import main

raise SystemExit(main())

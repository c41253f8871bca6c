"""`python -m analysis run|evaluate-themes|evaluate-figures|suggest-keywords|train-theme-model` (see analysis.cli)."""

from analysis.cli import main

raise SystemExit(main())

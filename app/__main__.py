"""``python -m app`` does what the ``portineria`` console script does."""

from app.cli import main

raise SystemExit(main())

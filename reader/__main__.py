"""`python -m reader` behaves exactly like the `pizhu` command."""

import sys

from reader.cli import main

sys.exit(main())

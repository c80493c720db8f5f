#!/usr/bin/env python
"""Django's command-line utility; ``uv run newsdesk`` is the same thing."""

from newsdesk.cli import main

if __name__ == "__main__":
    main()

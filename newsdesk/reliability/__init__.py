"""What the site does when a dependency fails: see docs/RELIABILITY.md for the policy."""

"""Models arrive with issue 3."""

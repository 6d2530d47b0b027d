"""Pages of the sandbox that a browser visits (outside the /1.2/ API)."""

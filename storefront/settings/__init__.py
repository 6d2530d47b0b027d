"""The store's settings: `base` (shared), `local` (development, tests, `make run`) and
`production` (the Procfile). Set DJANGO_SETTINGS_MODULE to one of the latter two."""

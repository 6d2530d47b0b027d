"""Checkout views: the basket (`basket`), paying (`pay`) and stored cards (`cards`)."""

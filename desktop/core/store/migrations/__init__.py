"""Alembic migrations of BallotDesk's schema (run automatically when a database is opened)."""

"""Dialogs: they collect values; the pages' controllers call the services."""

"""Ballot image pipeline (no Qt, no database); filled by the scanning issue."""

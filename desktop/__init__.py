"""BallotDesk (选票台)."""

"""Workflows that chain the library's stages: `run` (clean -> summarize -> translate -> score,
one article or a folder) and `bench` (systems on a corpus, scored, ranked, leaderboards)."""

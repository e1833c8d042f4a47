"""Loading report files into DuckDB: reading, validating, merging with history."""

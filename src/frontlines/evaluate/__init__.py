"""Evaluation on gold data: geoparsing and event coding, with baseline peers in the same harness."""

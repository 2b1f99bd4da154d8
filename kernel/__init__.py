"""The shared kernel: what both the desk and the central service need and nothing of ours.

The clock, the JSON codec, the SQL column types, and where the shipped resources are. It imports no
other package of this project, so either side may use it (tests/import_rules.py keeps it so).
"""

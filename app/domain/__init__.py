"""Rules shared by the desktop client and the central service: pure Python, no I/O, no Qt."""

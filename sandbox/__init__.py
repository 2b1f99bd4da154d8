"""The sandboxes: the demo (``make run``) and training mode. The only code that runs the reference
central service in the desk's process, through ``central.in_process``, and never on real data."""

"""French -> English translation (installed as `precis.translate`)."""

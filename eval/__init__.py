"""Evaluation metrics and reports (installed as `precis.eval`)."""

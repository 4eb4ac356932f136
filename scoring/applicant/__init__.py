"""The applicant's side: the self-check, scheme questions, and redaction of what
the panel must not see."""

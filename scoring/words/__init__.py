"""The words: reasons, letters, feedback and counts, as a person reads them."""

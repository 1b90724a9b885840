"""Pages for sharing a diary read-only: share links, the clinician view and the access log."""

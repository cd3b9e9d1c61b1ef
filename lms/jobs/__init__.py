"""Long background jobs with their own record: per-item state, a lease, resumable."""

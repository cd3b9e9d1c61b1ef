"""Progress and completion: per lesson, per module (kept in step), per curriculum."""

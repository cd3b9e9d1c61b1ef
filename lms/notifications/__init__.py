"""E-mails to learners from editable French templates, sent by background tasks."""

"""Who may read what on the public site (lesson access rules, plugged into Wagtail)."""

"""The public face of the site: home page, legal pages, site settings, health, errors."""

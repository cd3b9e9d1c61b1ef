"""People: the user model (e-mail login), sign-in pages and the roles of the platform."""

"""Settings: ``base`` reads the environment; ``test`` tunes it for the test suite."""

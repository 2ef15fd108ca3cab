"""Example code that calls Enkash, with tests written on the mock_server.testing fixtures."""

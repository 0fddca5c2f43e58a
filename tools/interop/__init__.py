"""interop: author, check, compile and render interoperability guidelines."""

__version__ = "0.1.0"

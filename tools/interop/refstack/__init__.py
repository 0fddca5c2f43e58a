"""What RefStack does with a published guideline: test lists for a
target, test results read from the formats clients produce, and whether a
run complies.

Reads published documents and the model; the CLI calls it."""

"""The pipeline's stages, in the order data flows through them.

read -> layout -> segment -> validate -> normalise -> write; each a pure function of the previous
stage's output. A stage imports only earlier stages and the shared types at the package top.
"""

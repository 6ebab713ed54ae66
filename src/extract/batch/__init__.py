"""Running the stages over files: one file's pipeline, worker processes, the result cache, a batch run."""

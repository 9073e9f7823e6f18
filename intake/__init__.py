"""From a message to stored, checked documents: mailbox sources, the pipeline, the scheduler."""

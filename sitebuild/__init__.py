"""The site build: the pipeline, the header parser and the helpers the plugins and tools share."""
